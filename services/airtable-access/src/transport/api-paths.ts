import { airtableErrors } from '../errors/airtable-errors.ts';

// Ids end up in URL paths (airtable.js puts base and record ids in unencoded), so they are
// checked against Airtable's id shapes: a "record id" of `../../meta/whoami` must not
// address another endpoint.

function checkedId(id: string, prefix: string, what: string): string {
  if (!new RegExp(`^${prefix}[A-Za-z0-9]{1,32}$`).test(id)) {
    throw airtableErrors.AIRTABLE_INVALID_ARGUMENT({
      problem: `${JSON.stringify(id)} is not an Airtable ${what} id (${prefix}…)`,
    });
  }
  return id;
}

/** A base id (`app…`), checked. */
export const baseIdSegment = (baseId: string): string => checkedId(baseId, 'app', 'base');

/** A record id (`rec…`), checked. */
export const recordIdSegment = (recordId: string): string => checkedId(recordId, 'rec', 'record');

/** A field id (`fld…`), checked. */
export const fieldIdSegment = (fieldId: string): string => checkedId(fieldId, 'fld', 'field');

/** A table id or name, checked and encoded as one path segment. */
export function tableSegment(tableIdOrName: string): string {
  // URL parsing resolves `.` and `..` segments, encoded or not: no way to send them as names.
  if (tableIdOrName === '' || tableIdOrName === '.' || tableIdOrName === '..') {
    throw airtableErrors.AIRTABLE_INVALID_ARGUMENT({
      problem: `${JSON.stringify(tableIdOrName)} cannot name an Airtable table`,
    });
  }
  return encodeURIComponent(tableIdOrName);
}

/** A table id or name as airtable.js takes it (it encodes names itself), checked. */
export function checkedTableName(tableIdOrName: string): string {
  tableSegment(tableIdOrName);
  return tableIdOrName;
}
