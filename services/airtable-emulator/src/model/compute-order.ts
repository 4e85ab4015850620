/**
 * The order computed fields must be evaluated in, across the tables of a base: a rollup over a
 * formula in another table comes after that formula. Cached per base and dropped whenever the
 * schema changes. Fields caught in a dependency cycle are marked invalid and hold errors, as a
 * circular formula does in Airtable.
 */
import { findFormulaField, tableById } from './emulator-state.ts';
import { linkedSourceOf, linkTargetOf } from './field-options.ts';
import type { BaseModel, FieldModel, TableModel } from './model-types.ts';
import { primaryField } from './model-types.ts';

/** A computed field and its table. */
export interface ComputedField {
  readonly table: TableModel;
  readonly field: FieldModel;
}

/** What the emulator evaluates per record, per base. */
export interface ComputePlan {
  /** Every computed field of the base, dependencies first. */
  readonly order: readonly ComputedField[];
  /** The same order restricted to each table, by table id. */
  readonly byTable: ReadonlyMap<string, readonly FieldModel[]>;
  /** Field ids that are part of a cycle. */
  readonly cyclic: ReadonlySet<string>;
  /**
   * For each table id, the links through which other tables' computed fields read its
   * records: when a record changes, the records listed in its `fieldId` cell (in `table`) must
   * be recomputed.
   */
  readonly dependents: ReadonlyMap<string, readonly { fieldId: string; table: TableModel }[]>;
}

const EVALUATED_TYPES = new Set(['formula', 'rollup', 'multipleLookupValues', 'count']);

const plans = new WeakMap<BaseModel, ComputePlan>();

/** The compute plan of `base`, built on first use after a schema change. */
export function computePlanOf(base: BaseModel): ComputePlan {
  let plan = plans.get(base);
  if (plan === undefined) {
    plan = buildPlan(base);
    plans.set(base, plan);
  }
  return plan;
}

/** Forgets the cached plan of `base`; call after any schema change. */
export function invalidateComputePlan(base: BaseModel): void {
  plans.delete(base);
}

function isEvaluated(field: FieldModel): boolean {
  return EVALUATED_TYPES.has(field.type);
}

/** The computed fields `field` reads, and the link fields it reads through. */
function dependenciesOf(base: BaseModel, table: TableModel, field: FieldModel): ComputedField[] {
  if (field.type === 'formula') {
    const ids = field.options['referencedFieldIds'];
    const referenced = Array.isArray(ids) ? ids.filter((id) => typeof id === 'string') : [];
    return referenced.flatMap((id) => {
      const target = findFormulaField(table, id);
      if (target === undefined) return [];
      if (target.type === 'multipleRecordLinks') {
        // A formula sees a link as the linked records' primary values.
        const linked = tableById(base, linkTargetOf(target).linkedTableId);
        const primary = primaryField(linked);
        return isEvaluated(primary) ? [{ table: linked, field: primary }] : [];
      }
      return isEvaluated(target) ? [{ table, field: target }] : [];
    });
  }
  if (field.type === 'rollup' || field.type === 'multipleLookupValues') {
    const source = linkedSourceOf(field);
    const link = table.fields.find((candidate) => candidate.id === source.recordLinkFieldId);
    if (link === undefined || source.fieldIdInLinkedTable === undefined) return [];
    const linked = tableById(base, linkTargetOf(link).linkedTableId);
    const target = linked.fields.find((candidate) => candidate.id === source.fieldIdInLinkedTable);
    return target !== undefined && isEvaluated(target) ? [{ table: linked, field: target }] : [];
  }
  return [];
}

function buildPlan(base: BaseModel): ComputePlan {
  const order: ComputedField[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const cyclic = new Set<string>();
  const visit = (node: ComputedField, path: ComputedField[]): void => {
    const status = state.get(node.field.id);
    if (status === 'done') return;
    if (status === 'visiting') {
      const start = path.findIndex((entry) => entry.field.id === node.field.id);
      for (const entry of path.slice(start)) cyclic.add(entry.field.id);
      return;
    }
    state.set(node.field.id, 'visiting');
    for (const dependency of dependenciesOf(base, node.table, node.field)) {
      visit(dependency, [...path, node]);
    }
    state.set(node.field.id, 'done');
    order.push(node);
  };
  for (const table of base.tables) {
    for (const field of table.fields) if (isEvaluated(field)) visit({ table, field }, []);
  }
  const byTable = new Map<string, FieldModel[]>();
  for (const { table, field } of order) {
    const list = byTable.get(table.id) ?? [];
    list.push(field);
    byTable.set(table.id, list);
  }
  return { order, byTable, cyclic, dependents: dependentsOf(base) };
}

function usesLink(table: TableModel, linkId: string): boolean {
  return table.fields.some((field) => {
    if (field.type === 'formula') {
      const ids = field.options['referencedFieldIds'];
      return Array.isArray(ids) && ids.includes(linkId);
    }
    if (
      field.type === 'rollup' ||
      field.type === 'multipleLookupValues' ||
      field.type === 'count'
    ) {
      return field.options['recordLinkFieldId'] === linkId;
    }
    return false;
  });
}

function dependentsOf(base: BaseModel): Map<string, { fieldId: string; table: TableModel }[]> {
  const dependents = new Map<string, { fieldId: string; table: TableModel }[]>();
  for (const table of base.tables) {
    for (const link of table.fields) {
      if (link.type !== 'multipleRecordLinks' || !usesLink(table, link.id)) continue;
      const target = linkTargetOf(link);
      // Without an inverse field nothing records who links to a record; such links (a table
      // linking to itself) are recomputed only when the linking record itself changes.
      if (target.inverseLinkFieldId === undefined) continue;
      const list = dependents.get(target.linkedTableId) ?? [];
      list.push({ fieldId: target.inverseLinkFieldId, table });
      dependents.set(target.linkedTableId, list);
    }
  }
  return dependents;
}
