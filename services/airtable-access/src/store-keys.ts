import { createHash } from 'node:crypto';

/**
 * Every key this package writes to the shared store, in one place so they cannot collide
 * and none can carry a token: where data visibility depends on the token, keys hold a
 * fingerprint of it.
 */

/** A short one-way fingerprint of an Airtable token: tells tokens apart, reveals nothing. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/** A fixed-length digest of a query, so keys stay short whatever the filter formula. */
export function queryDigest(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 22);
}

// Table names may hold any character, `:` included; encoded they cannot split a key.
const part = (value: string) => encodeURIComponent(value);

export const storeKeys = {
  baseLimit: (baseId: string) => `airtable:limit:base:${part(baseId)}`,
  tokenLimit: (token: string) => `airtable:limit:token:${token}`,
  basePause: (baseId: string) => `airtable:pause:base:${part(baseId)}`,
  tokenPause: (token: string) => `airtable:pause:token:${token}`,
  tableGeneration: (baseId: string, tableKey: string) =>
    `airtable:gen:table:${part(baseId)}:${part(tableKey)}`,
  schemaGeneration: (baseId: string) => `airtable:gen:schema:${part(baseId)}`,
  records: (baseId: string, tableKey: string, generation: string, token: string, query: string) =>
    `airtable:records:${part(baseId)}:${part(tableKey)}:${generation}:${token}:${query}`,
  schema: (baseId: string, generation: string, token: string) =>
    `airtable:schema:${part(baseId)}:${generation}:${token}`,
  tableIndex: (baseId: string, generation: string, token: string) =>
    `airtable:table-index:${part(baseId)}:${generation}:${token}`,
  bases: (token: string, query: string) => `airtable:bases:${token}:${query}`,
};
