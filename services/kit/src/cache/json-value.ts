/**
 * A value that survives `JSON.stringify` then `JSON.parse` unchanged, which is what both
 * backends store. Declare cached shapes with `type` rather than `interface`: TypeScript only
 * gives type aliases the implicit index signature this type needs. `undefined` properties are
 * accepted (optional fields) and dropped on the way in, as JSON does.
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/** Serialises `value`, refusing what JSON cannot represent rather than storing a lie. */
export function encodeJson(value: JsonValue): string {
  // The type forbids these, but values often come from `any`-typed sources (HTTP bodies, SDKs).
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`cannot store ${value}: JSON has no representation for it`);
  }
  const encoded = JSON.stringify(value) as string | undefined;
  if (encoded === undefined) {
    throw new TypeError('cannot store a value that is not JSON (undefined, a function, a symbol)');
  }
  return encoded;
}

/** Parses a stored value; stored text always came from `encodeJson` or a counter. */
export function decodeJson(encoded: string): JsonValue {
  return JSON.parse(encoded) as JsonValue;
}
