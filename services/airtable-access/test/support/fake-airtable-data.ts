// The data of the fake Airtable: bases, tables with typed fields, records and comments, and
// the record endpoints' behaviour, as far as the access layer's tests need it.

/** An answer: status and JSON body. */
export interface FakeAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface FakeField {
  readonly id: string;
  name: string;
  readonly type: string;
  readonly options?: { choices: { name: string }[] };
}

export interface FakeRecord {
  readonly id: string;
  readonly createdTime: string;
  fields: Record<string, unknown>;
}

export interface FakeTable {
  readonly id: string;
  name: string;
  readonly fields: FakeField[];
  readonly records: Map<string, FakeRecord>;
  readonly comments: Map<string, { id: string; text: string; createdTime: string }[]>;
}

export interface FakeBase {
  readonly id: string;
  readonly name: string;
  readonly tables: FakeTable[];
}

let sequence = 0;
/** A new id with Airtable's shape: prefix and 14 alphanumerics. */
export function fakeId(prefix: string): string {
  sequence += 1;
  return `${prefix}${sequence.toString(36).padStart(14, '0')}`;
}

export const answer = (status: number, body: unknown): FakeAnswer => ({ status, body });
export const refusal = (status: number, type: string, message: string): FakeAnswer =>
  answer(status, { error: { type, message } });

/** A table by id or name. */
export function findTable(base: FakeBase, idOrName: string): FakeTable | undefined {
  return base.tables.find((table) => table.id === idOrName || table.name === idOrName);
}

/** A table's schema as the metadata API shows it. */
export function tableSchema(table: FakeTable) {
  return {
    id: table.id,
    name: table.name,
    primaryFieldId: table.fields[0]?.id ?? '',
    fields: table.fields.map((field) => ({ ...field })),
    views: [{ id: `viw${table.id.slice(3)}`, name: 'Grid view', type: 'grid' }],
  };
}

/** The record as the API returns it: empty fields left out, optionally keyed by field id. */
export function recordJson(table: FakeTable, record: FakeRecord, byFieldId = false) {
  const fields: Record<string, unknown> = {};
  for (const field of table.fields) {
    const value = record.fields[field.name];
    if (value === undefined || value === '' || value === null) continue;
    fields[byFieldId ? field.id : field.name] = value;
  }
  return { id: record.id, createdTime: record.createdTime, fields };
}

/**
 * Checks and converts one record's fields as Airtable would: unknown names are a 422, and
 * without typecast a number field takes only numbers and a select only known options.
 */
export function checkFields(
  table: FakeTable,
  fields: Record<string, unknown>,
  typecast: boolean,
): Record<string, unknown> | FakeAnswer {
  const checked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const field = table.fields.find((candidate) => candidate.name === name);
    if (field === undefined) {
      return refusal(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`);
    }
    if (field.type === 'number' && typeof value !== 'number') {
      if (!typecast || Number.isNaN(Number(value))) {
        return refusal(
          422,
          'INVALID_VALUE_FOR_COLUMN',
          `Field "${name}" cannot accept the provided value`,
        );
      }
      checked[name] = Number(value);
      continue;
    }
    if (field.type === 'singleSelect' && typeof value === 'string' && field.options) {
      const known = field.options.choices.some((choice) => choice.name === value);
      if (!known && !typecast) {
        return refusal(
          422,
          'INVALID_MULTIPLE_CHOICE_OPTIONS',
          `Insufficient permissions to create new select option "${value}"`,
        );
      }
      if (!known) field.options.choices.push({ name: value });
    }
    checked[name] = value;
  }
  return checked;
}

export const isAnswer = (value: unknown): value is FakeAnswer =>
  typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
