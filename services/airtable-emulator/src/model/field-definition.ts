/**
 * Turns a field definition from the metadata API (`{name, type, description?, options?}`) into
 * a field, with Airtable's default options filled in. Only the types Airtable lets clients
 * create are accepted: computed fields (formulas, lookups, rollups, counts, auto numbers,
 * timestamps) are made in the Airtable UI, not through the API.
 */
import { airtableErrors } from '../airtable-errors.ts';
import type { Choice, FieldModel, FieldType } from './model-types.ts';
import { newId } from './new-ids.ts';

/** A field as a metadata request describes it. */
export interface FieldDefinition {
  readonly name: string;
  readonly type: string;
  readonly description?: string | undefined;
  readonly options?: Readonly<Record<string, unknown>> | undefined;
}

const CREATABLE: ReadonlySet<string> = new Set<FieldType>([
  'singleLineText',
  'multilineText',
  'email',
  'url',
  'phoneNumber',
  'number',
  'currency',
  'percent',
  'checkbox',
  'singleSelect',
  'multipleSelects',
  'date',
  'dateTime',
  'multipleRecordLinks',
  'rating',
  'multipleAttachments',
]);

/** Types a table's first (primary) field may have. */
export const PRIMARY_TYPES: ReadonlySet<string> = new Set<FieldType>([
  'singleLineText',
  'multilineText',
  'email',
  'url',
  'phoneNumber',
  'number',
  'currency',
  'percent',
  'date',
  'dateTime',
]);

function isCreatable(type: string): type is FieldType {
  return CREATABLE.has(type);
}

function choicesFrom(options: Readonly<Record<string, unknown>>): Choice[] {
  const given = options['choices'] ?? [];
  if (!Array.isArray(given))
    throw airtableErrors.invalidRequest('options.choices must be an array');
  return given.map((choice: unknown) => {
    if (typeof choice !== 'object' || choice === null) {
      throw airtableErrors.invalidRequest('each choice needs a name');
    }
    const { name, color } = choice as { name?: unknown; color?: unknown };
    if (typeof name !== 'string' || name === '') {
      throw airtableErrors.invalidRequest('each choice needs a name');
    }
    return typeof color === 'string'
      ? { id: newId('sel'), name, color }
      : { id: newId('sel'), name };
  });
}

const ISO_DATE = { name: 'iso', format: 'YYYY-MM-DD' };
const TIME_24H = { name: '24hour', format: 'HH:mm' };

function optionsFor(
  type: FieldType,
  given: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  switch (type) {
    case 'number':
    case 'percent':
      return { precision: 0, ...given };
    case 'currency':
      return { precision: 2, symbol: '$', ...given };
    case 'checkbox':
      return { icon: 'check', color: 'greenBright', ...given };
    case 'rating':
      return { max: 5, icon: 'star', color: 'yellowBright', ...given };
    case 'singleSelect':
    case 'multipleSelects':
      return { choices: choicesFrom(given) };
    case 'date':
      return { dateFormat: ISO_DATE, ...given };
    case 'dateTime':
      return { dateFormat: ISO_DATE, timeFormat: TIME_24H, timeZone: 'utc', ...given };
    case 'multipleRecordLinks': {
      const linkedTableId = given['linkedTableId'];
      if (typeof linkedTableId !== 'string') {
        throw airtableErrors.invalidRequest('options.linkedTableId is required for a link field');
      }
      return { linkedTableId, prefersSingleRecordLink: given['prefersSingleRecordLink'] === true };
    }
    case 'multipleAttachments':
      return { isReversed: false };
    default:
      return {};
  }
}

/** A new field from a definition; throws 422 for an unsupported type or bad options. */
export function fieldFromDefinition(definition: FieldDefinition): FieldModel {
  const name = definition.name.trim();
  if (name === '') throw airtableErrors.invalidRequest('A field needs a name');
  if (!isCreatable(definition.type)) throw airtableErrors.unsupportedFieldType(definition.type);
  return {
    id: newId('fld'),
    name,
    type: definition.type,
    description: definition.description,
    options: optionsFor(definition.type, definition.options ?? {}),
    compiled: undefined,
  };
}
