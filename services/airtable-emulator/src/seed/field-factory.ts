/**
 * Builds SeedField definitions with Airtable's option shapes. Field and choice ids come from
 * the table id and the field's name, so a link can name its inverse field (and a rollup its
 * source) before that table is built, and ids stay put when fields are reordered.
 */
import { idForKey } from './airtable-ids.ts';
import type { SeedField, SeedView } from './seed-format.ts';

// Airtable's choice colours, cycled so neighbouring choices look different in the UI.
const CHOICE_COLORS = [
  'blueLight2',
  'cyanLight2',
  'tealLight2',
  'greenLight2',
  'yellowLight2',
  'orangeLight2',
  'redLight2',
  'pinkLight2',
  'purpleLight2',
  'grayLight2',
] as const;

const ISO_DATE_FORMAT = { name: 'iso', format: 'YYYY-MM-DD' } as const;
const TIME_FORMAT_24H = { name: '24hour', format: 'HH:mm' } as const;
const DATE_TIME_OPTIONS = {
  dateFormat: ISO_DATE_FORMAT,
  timeFormat: TIME_FORMAT_24H,
  timeZone: 'utc',
} as const;

/** The id of the field named `name` in table `tableId`. */
export function fieldIdOf(tableId: string, name: string): string {
  return idForKey('fld', `${tableId}/${name}`);
}

/** The id of the view named `name` in table `tableId`. */
export function viewIdOf(tableId: string, name: string): string {
  return idForKey('viw', `${tableId}/view/${name}`);
}

/** A grid view of `tableId`, with an optional filter formula and sort. */
export function gridView(
  tableId: string,
  name: string,
  shows: Pick<SeedView, 'filterByFormula' | 'sort'> = {},
): SeedView {
  return { id: viewIdOf(tableId, name), name, type: 'grid', ...shows };
}

type TextType = 'singleLineText' | 'multilineText' | 'email' | 'url' | 'phoneNumber';

/** Field builders for one table; each returns a complete SeedField. */
export interface FieldFactory {
  text(name: string, type?: TextType): SeedField;
  number(name: string, precision?: number): SeedField;
  currency(name: string, precision?: number, symbol?: string): SeedField;
  percent(name: string, precision?: number): SeedField;
  checkbox(name: string): SeedField;
  select(name: string, choices: readonly string[]): SeedField;
  multiSelect(name: string, choices: readonly string[]): SeedField;
  date(name: string): SeedField;
  dateTime(name: string): SeedField;
  rating(name: string, max?: number): SeedField;
  attachments(name: string): SeedField;
  createdTime(name: string): SeedField;
  /** A link to `linkedTableId`, whose inverse link field there is named `inverseName`. */
  link(name: string, linkedTableId: string, inverseName: string, single?: boolean): SeedField;
  formula(name: string, formula: string): SeedField;
  /** Values of `linkedField` in the records linked through this table's `linkName` field. */
  lookup(name: string, linkName: string, linkedTableId: string, linkedField: string): SeedField;
  /** `formula` (e.g. `SUM(values)`) over the lookup of `linkedField` through `linkName`. */
  rollup(
    name: string,
    linkName: string,
    linkedTableId: string,
    linkedField: string,
    formula: string,
  ): SeedField;
  /** How many records `linkName` links to. */
  count(name: string, linkName: string): SeedField;
}

/** Field builders whose ids belong to table `tableId`. */
export function createFieldFactory(tableId: string): FieldFactory {
  const field = (name: string, type: SeedField['type'], options?: SeedField['options']) => {
    const id = fieldIdOf(tableId, name);
    return options === undefined ? { id, name, type } : { id, name, type, options };
  };
  const choices = (fieldName: string, names: readonly string[]) =>
    names.map((choice, index) => ({
      id: idForKey('sel', `${tableId}/${fieldName}/${choice}`),
      name: choice,
      color: CHOICE_COLORS[index % CHOICE_COLORS.length],
    }));
  return {
    text: (name, type = 'singleLineText') => field(name, type),
    number: (name, precision = 0) => field(name, 'number', { precision }),
    currency: (name, precision = 2, symbol = '$') => field(name, 'currency', { precision, symbol }),
    percent: (name, precision = 0) => field(name, 'percent', { precision }),
    checkbox: (name) => field(name, 'checkbox', { icon: 'check', color: 'greenBright' }),
    select: (name, names) => field(name, 'singleSelect', { choices: choices(name, names) }),
    multiSelect: (name, names) => field(name, 'multipleSelects', { choices: choices(name, names) }),
    date: (name) => field(name, 'date', { dateFormat: ISO_DATE_FORMAT }),
    dateTime: (name) => field(name, 'dateTime', DATE_TIME_OPTIONS),
    rating: (name, max = 5) => field(name, 'rating', { max, icon: 'star', color: 'yellowBright' }),
    attachments: (name) => field(name, 'multipleAttachments', { isReversed: false }),
    createdTime: (name) =>
      field(name, 'createdTime', { result: { type: 'dateTime', options: DATE_TIME_OPTIONS } }),
    link: (name, linkedTableId, inverseName, single = false) =>
      field(name, 'multipleRecordLinks', {
        linkedTableId,
        inverseLinkFieldId: fieldIdOf(linkedTableId, inverseName),
        prefersSingleRecordLink: single,
      }),
    formula: (name, formula) => field(name, 'formula', { formula }),
    lookup: (name, linkName, linkedTableId, linkedField) =>
      field(name, 'multipleLookupValues', {
        recordLinkFieldId: fieldIdOf(tableId, linkName),
        fieldIdInLinkedTable: fieldIdOf(linkedTableId, linkedField),
      }),
    rollup: (name, linkName, linkedTableId, linkedField, formula) =>
      field(name, 'rollup', {
        recordLinkFieldId: fieldIdOf(tableId, linkName),
        fieldIdInLinkedTable: fieldIdOf(linkedTableId, linkedField),
        formula,
      }),
    count: (name, linkName) =>
      field(name, 'count', { recordLinkFieldId: fieldIdOf(tableId, linkName) }),
  };
}
