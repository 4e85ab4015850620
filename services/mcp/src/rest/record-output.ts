import type { AirtableRecord } from '@pyairtable/airtable-access';
import type { Static } from 'typebox';
import type { RecordSchema } from './rest-schemas.ts';

/** A record as the REST API returns it: id, creation time and fields, nothing internal. */
export function recordOutput(record: AirtableRecord): Static<typeof RecordSchema> {
  return { id: record.id, createdTime: record.createdTime, fields: record.fields };
}
