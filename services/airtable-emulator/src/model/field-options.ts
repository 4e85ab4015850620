/**
 * Typed readers for the parts of field options the emulator acts on. Options are kept as
 * Airtable's loose JSON (so the metadata API returns what a seed or client gave), and read
 * through these so a malformed seed fails with a message naming the field.
 */
import type { Choice, FieldModel } from './model-types.ts';

function fail(field: FieldModel, problem: string): never {
  throw new Error(`field ${field.name} (${field.id}, ${field.type}): ${problem}`);
}

function stringOption(field: FieldModel, key: string): string {
  const value = field.options[key];
  if (typeof value !== 'string' || value === '') fail(field, `options.${key} must be a string`);
  return value;
}

function optionalString(field: FieldModel, key: string): string | undefined {
  const value = field.options[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The choices of a select field, the array in its options (so adding one edits the schema). */
export function choicesOf(field: FieldModel): Choice[] {
  const choices = field.options['choices'];
  if (choices === undefined) {
    const created: Choice[] = [];
    field.options['choices'] = created;
    return created;
  }
  if (!Array.isArray(choices)) fail(field, 'options.choices must be an array');
  return choices as Choice[];
}

/** Where a link field points: the linked table and the field there that links back. */
export interface LinkTarget {
  readonly linkedTableId: string;
  readonly inverseLinkFieldId: string | undefined;
}

/** The link target of a multipleRecordLinks field. */
export function linkTargetOf(field: FieldModel): LinkTarget {
  return {
    linkedTableId: stringOption(field, 'linkedTableId'),
    inverseLinkFieldId: optionalString(field, 'inverseLinkFieldId'),
  };
}

/** The link field a lookup, rollup or count reads through, and for lookups and rollups the field. */
export interface LinkedSource {
  readonly recordLinkFieldId: string;
  readonly fieldIdInLinkedTable: string | undefined;
}

/** The source of a lookup, rollup or count field. */
export function linkedSourceOf(field: FieldModel): LinkedSource {
  const source = {
    recordLinkFieldId: stringOption(field, 'recordLinkFieldId'),
    fieldIdInLinkedTable: optionalString(field, 'fieldIdInLinkedTable'),
  };
  if (field.type !== 'count' && source.fieldIdInLinkedTable === undefined) {
    fail(field, 'options.fieldIdInLinkedTable is required');
  }
  return source;
}

/** The formula text of a formula or rollup field. */
export function formulaTextOf(field: FieldModel): string {
  return stringOption(field, 'formula');
}

/** The number of decimals a number, currency or percent field shows (0 unless set). */
export function precisionOf(field: FieldModel): number {
  const precision = field.options['precision'];
  return typeof precision === 'number' && Number.isInteger(precision) && precision >= 0
    ? precision
    : 0;
}

/** The currency symbol of a currency field ($ unless set). */
export function currencySymbolOf(field: FieldModel): string {
  return optionalString(field, 'symbol') ?? '$';
}

/** The highest value of a rating field (5 unless set). */
export function ratingMaxOf(field: FieldModel): number {
  const max = field.options['max'];
  return typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : 5;
}

/** Airtable's date format names: `local`, `friendly`, `us`, `european`, `iso`. */
export function dateFormatOf(field: FieldModel): string {
  const format = field.options['dateFormat'];
  if (typeof format === 'object' && format !== null && 'name' in format) {
    const name = format.name;
    if (typeof name === 'string') return name;
  }
  return 'iso';
}

/** Airtable's time format names: `12hour` or `24hour`. */
export function timeFormatOf(field: FieldModel): string {
  const format = field.options['timeFormat'];
  if (typeof format === 'object' && format !== null && 'name' in format) {
    const name = format.name;
    if (typeof name === 'string') return name;
  }
  return '24hour';
}
