/**
 * Pairs every link field with the field that links back from the other table, creating it when
 * a seed or a metadata request leaves it out (Airtable always makes one, named after the
 * linking table), and makes a loaded base's link cells agree in both directions.
 */
import { tableById } from './emulator-state.ts';
import { linkTargetOf } from './field-options.ts';
import { linkIds } from './link-writes.ts';
import type { BaseModel, FieldModel, TableModel } from './model-types.ts';
import { newId } from './new-ids.ts';

/** A name not yet used by a field of `table`: `name`, else `name 2`, `name 3`… */
export function unusedFieldName(table: TableModel, name: string): string {
  const taken = new Set(table.fields.map((field) => field.name.toLowerCase()));
  if (!taken.has(name.toLowerCase())) return name;
  let suffix = 2;
  while (taken.has(`${name} ${suffix}`.toLowerCase())) suffix += 1;
  return `${name} ${suffix}`;
}

/**
 * Makes sure link `field` of `table` has an inverse field in the linked table, creating one
 * if needed. A table linking to itself gets none, as in Airtable.
 */
export function ensureInverseField(base: BaseModel, table: TableModel, field: FieldModel): void {
  const target = linkTargetOf(field);
  const linked = tableById(base, target.linkedTableId);
  if (linked.id === table.id) {
    if (target.inverseLinkFieldId === field.id) delete field.options['inverseLinkFieldId'];
    return;
  }
  const existing = linked.fields.find((candidate) => candidate.id === target.inverseLinkFieldId);
  if (existing?.type === 'multipleRecordLinks') {
    existing.options['linkedTableId'] = table.id;
    existing.options['inverseLinkFieldId'] = field.id;
    return;
  }
  const inverse: FieldModel = {
    id: target.inverseLinkFieldId ?? newId('fld'),
    name: unusedFieldName(linked, table.name),
    type: 'multipleRecordLinks',
    description: undefined,
    options: {
      linkedTableId: table.id,
      inverseLinkFieldId: field.id,
      prefersSingleRecordLink: false,
    },
    compiled: undefined,
  };
  linked.fields.push(inverse);
  field.options['inverseLinkFieldId'] = inverse.id;
}

/**
 * Makes the link cells of a freshly loaded base agree: a link given on either side appears on
 * both, links to records that do not exist are dropped, and each side keeps the order it was
 * given in (links only known from the other side come last).
 */
export function reconcileLinks(base: BaseModel): void {
  const done = new Set<string>();
  for (const table of base.tables) {
    for (const field of table.fields) {
      if (field.type !== 'multipleRecordLinks' || done.has(field.id)) continue;
      done.add(field.id);
      const target = linkTargetOf(field);
      const linked = tableById(base, target.linkedTableId);
      const inverseId = linked.id === table.id ? undefined : target.inverseLinkFieldId;
      if (inverseId !== undefined) done.add(inverseId);
      reconcilePair(table, field.id, linked, inverseId);
    }
  }
}

function reconcilePair(
  table: TableModel,
  fieldId: string,
  linked: TableModel,
  inverseId: string | undefined,
): void {
  const forward = new Map<string, string[]>();
  for (const record of table.records.values()) {
    const ids = linkIds(record.cells.get(fieldId)).filter((id) => linked.records.has(id));
    forward.set(record.id, [...new Set(ids)]);
  }
  if (inverseId !== undefined) {
    for (const other of linked.records.values()) {
      for (const id of linkIds(other.cells.get(inverseId))) {
        const ids = forward.get(id);
        if (ids !== undefined && !ids.includes(other.id)) ids.push(other.id);
      }
    }
  }
  const backward = new Map<string, string[]>();
  for (const [id, ids] of forward) {
    const record = table.records.get(id);
    if (record === undefined) continue;
    if (ids.length === 0) record.cells.delete(fieldId);
    else record.cells.set(fieldId, ids);
    for (const linkedId of ids) {
      const list = backward.get(linkedId) ?? [];
      list.push(id);
      backward.set(linkedId, list);
    }
  }
  if (inverseId === undefined) return;
  for (const other of linked.records.values()) {
    const expected = backward.get(other.id) ?? [];
    const given = linkIds(other.cells.get(inverseId)).filter((id) => expected.includes(id));
    const ordered = [...new Set(given), ...expected.filter((id) => !given.includes(id))];
    if (ordered.length === 0) other.cells.delete(inverseId);
    else other.cells.set(inverseId, ordered);
  }
}
