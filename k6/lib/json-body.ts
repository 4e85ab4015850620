/**
 * Reading JSON answers without trusting their shape: a field is taken only when it has the
 * expected type, so a changed or failed answer shows as a failed check, not a script error.
 */
import type { Response } from 'k6/http';

/** A JSON object as far as the scripts need to look into one. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** The parsed body of `response`, or undefined when it is not JSON. */
export function jsonBody(response: Response): unknown {
  const body = response.body;
  if (typeof body !== 'string' || body === '') return undefined;
  return parseJson(body);
}

/** `JSON.parse` that answers undefined instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `value` when it is a plain object. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** The string at `key` of an object, if that is what it holds. */
export function stringField(value: unknown, key: string): string | undefined {
  const field = asObject(value)?.[key];
  return typeof field === 'string' ? field : undefined;
}

/** The number at `key` of an object, if that is what it holds. */
export function numberField(value: unknown, key: string): number | undefined {
  const field = asObject(value)?.[key];
  return typeof field === 'number' ? field : undefined;
}

/** The array at `key` of an object (empty when it is missing or not an array). */
export function arrayField(value: unknown, key: string): readonly unknown[] {
  const field = asObject(value)?.[key];
  return Array.isArray(field) ? (field as readonly unknown[]) : [];
}
