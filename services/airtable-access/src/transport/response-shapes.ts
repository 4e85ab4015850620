import type { AirtableRecord, RecordPage } from '../airtable-types.ts';
import { airtableErrors } from '../errors/airtable-errors.ts';

// Airtable's answers are checked where the layer depends on their shape (ids to hand out,
// arrays to slice between callers of a batch); the rest is passed through as Airtable sent it.

/** Whether `value` is a JSON object. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bad(what: string): Error {
  return airtableErrors.AIRTABLE_BAD_RESPONSE({ what });
}

/** A record from Airtable's answer. */
export function toRecord(value: unknown): AirtableRecord {
  if (!isJsonObject(value) || typeof value['id'] !== 'string') throw bad('a record has no id');
  const fields = value['fields'] ?? {};
  if (!isJsonObject(fields)) throw bad(`record ${value['id']} has no fields object`);
  return value as AirtableRecord;
}

/** The `key` array of records of an answer, e.g. `records`. */
export function toRecords(value: unknown, key = 'records'): AirtableRecord[] {
  const list = isJsonObject(value) ? value[key] : undefined;
  if (!Array.isArray(list)) throw bad(`the answer has no ${key} array`);
  return list.map(toRecord);
}

/** A list page: records and, while more exist, the next cursor. */
export function toRecordPage(value: unknown): RecordPage {
  const records = toRecords(value);
  const offset = isJsonObject(value) ? value['offset'] : undefined;
  return typeof offset === 'string' && offset !== '' ? { records, offset } : { records };
}

/** A string array of an answer, e.g. an upsert's `createdRecords`; absent means empty. */
export function toIdList(value: unknown, key: string): string[] {
  const list = isJsonObject(value) ? value[key] : undefined;
  if (list === undefined) return [];
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    throw bad(`${key} is not a list of ids`);
  }
  return list;
}

/** An object answer holding an array under `key` (tables, bases, comments), passed through. */
export function toObjectWithList(value: unknown, key: string): Record<string, unknown> {
  if (!isJsonObject(value) || !Array.isArray(value[key])) {
    throw bad(`the answer has no ${key} array`);
  }
  return value;
}

/** An object answer with a string `id` (a table, a field, a comment, whoami), passed through. */
export function toObjectWithId(value: unknown, what: string): Record<string, unknown> {
  if (!isJsonObject(value) || typeof value['id'] !== 'string') throw bad(`${what} has no id`);
  return value;
}
