/**
 * Parses and runs formulas against records: formula and rollup fields (compiled once, with
 * references rewritten to field ids), view filters and request filters (parsed once per
 * distinct text and cached, since load tests send the same filter thousands of times).
 */
import {
  evaluateFormula,
  formulaError,
  FormulaSyntaxError,
  parseFormula,
  referencedFieldNames,
} from '../formula/index.ts';
import type { FormulaExpression, FormulaValue } from '../formula/index.ts';
import { airtableErrors } from '../airtable-errors.ts';
import { findFormulaField } from './emulator-state.ts';
import { formulaTextOf } from './field-options.ts';
import { rewriteFieldReferences } from './formula-references.ts';
import { cellFormulaValue } from './formula-values.ts';
import type { BaseModel, FieldModel, RecordModel, TableModel } from './model-types.ts';

/** The name a rollup formula uses for the looked-up values, as in `SUM(values)`. */
export const ROLLUP_VALUES = 'values';

/**
 * Compiles a formula field: rewrites its references to field ids (so the metadata API shows
 * `{fld…}` and renames are harmless), parses it and records `isValid` and
 * `referencedFieldIds` in its options as Airtable does. A formula that does not parse or names
 * a missing field is kept and marked invalid; its cells then hold `#ERROR!`.
 */
export function compileFormulaField(table: TableModel, field: FieldModel): void {
  const source = rewriteFieldReferences(
    formulaTextOf(field),
    (reference) => findFormulaField(table, reference)?.id,
  );
  field.options['formula'] = source;
  const expression = tryParse(source);
  const names = expression === undefined ? [] : referencedFieldNames(expression);
  const referenced = names.map((name) => findFormulaField(table, name));
  const valid =
    expression !== undefined &&
    referenced.every((target) => target !== undefined && target.id !== field.id);
  field.compiled = valid ? expression : undefined;
  field.options['isValid'] = valid;
  field.options['referencedFieldIds'] = referenced.flatMap((target) =>
    target === undefined ? [] : [target.id],
  );
}

/** Compiles a rollup field's formula over `values`; an unparseable one yields `#ERROR!`. */
export function compileRollupField(field: FieldModel): void {
  field.compiled = tryParse(formulaTextOf(field));
  field.options['isValid'] = field.compiled !== undefined;
}

function tryParse(source: string): FormulaExpression | undefined {
  try {
    return parseFormula(source);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return undefined;
    throw error;
  }
}

/**
 * Evaluates `expression` against `record`. `values`, when given, is what the rollup name
 * `values` stands for. Evaluation never throws: a failure is an `#ERROR!` value, as a cell.
 */
export function evaluateOnRecord(
  base: BaseModel,
  table: TableModel,
  record: RecordModel,
  expression: FormulaExpression,
  now: Date,
  values?: FormulaValue,
): FormulaValue {
  try {
    return evaluateFormula(expression, {
      field: (name) => {
        if (values !== undefined && name.toLowerCase() === ROLLUP_VALUES) return values;
        const target = findFormulaField(table, name);
        return target === undefined ? null : cellFormulaValue(base, target, record);
      },
      recordId: record.id,
      createdTime: new Date(record.createdTime),
      lastModifiedTime: new Date(record.lastModifiedTime),
      now,
    });
  } catch {
    return formulaError();
  }
}

const FILTER_CACHE_LIMIT = 1000;
const filterCache = new Map<string, FormulaExpression | FormulaSyntaxError>();

function parseCached(source: string): FormulaExpression {
  let parsed = filterCache.get(source);
  if (parsed === undefined) {
    try {
      parsed = parseFormula(source);
    } catch (error) {
      if (!(error instanceof FormulaSyntaxError)) throw error;
      parsed = error;
    }
    if (filterCache.size >= FILTER_CACHE_LIMIT) filterCache.clear();
    filterCache.set(source, parsed);
  }
  if (parsed instanceof FormulaSyntaxError) throw airtableErrors.invalidFormula(parsed.message);
  return parsed;
}

/**
 * Parses a filter formula for `table`: a syntax error or references to fields the table does
 * not have answer 422 `INVALID_FILTER_BY_FORMULA`, naming the problem.
 */
export function parseFilterFormula(table: TableModel, source: string): FormulaExpression {
  const expression = parseCached(source);
  const unknown = referencedFieldNames(expression).filter(
    (name) => findFormulaField(table, name) === undefined,
  );
  if (unknown.length > 0) throw airtableErrors.unknownFormulaFields([...new Set(unknown)]);
  return expression;
}
