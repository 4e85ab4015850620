import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';

/** The MIME type of every Airtable resource. */
export const JSON_MIME_TYPE = 'application/json';

/**
 * A read result of one JSON text block. Compact on purpose: a large base's schema runs to
 * hundreds of thousands of characters, and indentation would add a good share for no reader
 * that parses it.
 */
export function jsonContents(uri: URL, value: unknown): ReadResourceResult {
  return { contents: [{ uri: uri.href, mimeType: JSON_MIME_TYPE, text: JSON.stringify(value) }] };
}
