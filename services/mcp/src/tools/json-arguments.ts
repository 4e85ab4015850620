import type { JsonValue } from '@pyairtable/kit';

/**
 * Narrows an object argument to JSON values. Tool arguments arrive as JSON-RPC, so every value
 * in them already is JSON; only the static type (`unknown` from the zod schema) is wider than
 * what the access layer takes.
 */
export function asJsonObject(value: Readonly<Record<string, unknown>>): {
  readonly [key: string]: JsonValue;
} {
  return value as { readonly [key: string]: JsonValue };
}
