import type { Observation } from './offline-conversation.ts';
import { asArray, asRecord, asString, findField } from './tool-result-fields.ts';

/** A base the workspace may use, from list_bases. */
export interface BaseSummary {
  readonly id: string;
  readonly name: string;
}

/** A field, from get_base_schema (type and options only at detail "full"). */
export interface SchemaField {
  readonly name: string;
  readonly id: string | undefined;
  readonly type: string | undefined;
  readonly options: Readonly<Record<string, unknown>> | undefined;
}

/** A table, from get_base_schema. */
export interface SchemaTable {
  readonly id: string;
  readonly name: string;
  readonly primaryFieldId: string | undefined;
  readonly fields: readonly SchemaField[];
}

/** A base's tables, from get_base_schema. */
export interface BaseSchema {
  readonly baseId: string;
  readonly tables: readonly SchemaTable[];
}

/** A table found for a phrase, with the words of the phrase that were not its name. */
export interface TableMatch {
  readonly baseId: string;
  readonly table: SchemaTable;
  /** "won" of "won deals": a condition in adjective form. */
  readonly leftover: string;
}

const FILLER_WORDS = new Set(['the', 'all', 'my', 'our', 'records', 'rows', 'table', 'entries']);

/** The bases list_bases returned, or `undefined` when it has not been called. */
export function basesFrom(observations: readonly Observation[]): BaseSummary[] | undefined {
  const listed = observations.find((observation) => observation.name === 'list_bases');
  if (listed === undefined) return undefined;
  return asArray(findField(listed.result, 'bases')).flatMap((item) => {
    const base = asRecord(item);
    const id = asString(base?.['id']);
    return id === undefined ? [] : [{ id, name: asString(base?.['name']) ?? id }];
  });
}

/** Every base schema get_base_schema returned. */
export function schemasFrom(observations: readonly Observation[]): BaseSchema[] {
  return observations
    .filter((observation) => observation.name === 'get_base_schema')
    .map((observation) => ({
      baseId:
        asString(findField(observation.result, 'baseId')) ??
        asString(observation.args['baseId']) ??
        '',
      tables: asArray(findField(observation.result, 'tables')).flatMap(tableOf),
    }));
}

function tableOf(value: unknown): SchemaTable[] {
  const table = asRecord(value);
  const id = asString(table?.['id']);
  const name = asString(table?.['name']);
  if (id === undefined || name === undefined) return [];
  const fields = asArray(table?.['fields']).flatMap((item): SchemaField[] => {
    const field = asRecord(item);
    const fieldName = asString(field?.['name']);
    if (fieldName === undefined) return [];
    return [
      {
        name: fieldName,
        id: asString(field?.['id']),
        type: asString(field?.['type']),
        options: asRecord(field?.['options']),
      },
    ];
  });
  return [{ id, name, primaryFieldId: asString(table?.['primaryFieldId']), fields }];
}

/** A name reduced for loose comparison: lower case, singular, no punctuation. */
export function loose(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .split(/\s+/);
  return words.map(singular).join(' ');
}

function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

/**
 * The table a phrase names, looked for in every schema: the whole phrase, or its last words
 * ("won deals" → Deals, leftover "won"), or its first words ("deals won" → Deals, leftover
 * "won"), the longest name winning.
 */
export function findTable(schemas: readonly BaseSchema[], phrase: string): TableMatch | undefined {
  const words = phrase
    .split(/\s+/)
    .filter((word) => word !== '' && !FILLER_WORDS.has(word.toLowerCase()));
  const candidates: { start: number; end: number }[] = [];
  for (let length = words.length; length > 0; length -= 1) {
    candidates.push({ start: words.length - length, end: words.length });
    if (length < words.length) candidates.push({ start: 0, end: length });
  }
  for (const { start, end } of candidates) {
    const wanted = loose(words.slice(start, end).join(' '));
    for (const schema of schemas) {
      const table = schema.tables.find((candidate) => loose(candidate.name) === wanted);
      if (table !== undefined) {
        const leftover = [...words.slice(0, start), ...words.slice(end)].join(' ');
        return { baseId: schema.baseId, table, leftover };
      }
    }
  }
  return undefined;
}

/** The field named `name` (loosely), or `undefined`. */
export function findSchemaField(table: SchemaTable, name: string): SchemaField | undefined {
  const wanted = loose(name);
  return table.fields.find((field) => loose(field.name) === wanted);
}

/** The choices of a single or multiple select field. */
export function choicesOf(field: SchemaField): string[] {
  return asArray(field.options?.['choices']).flatMap((choice) => {
    const name = asString(asRecord(choice)?.['name']);
    return name === undefined ? [] : [name];
  });
}

/** The table's primary field name (its first field when the schema does not say). */
export function primaryFieldName(table: SchemaTable): string | undefined {
  const primary = table.fields.find(
    (field) => field.id !== undefined && field.id === table.primaryFieldId,
  );
  return (primary ?? table.fields[0])?.name;
}
