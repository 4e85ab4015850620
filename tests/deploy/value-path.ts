/** Reading nested plain data (program inputs, rendered objects, Tilt's JSON) by dotted path. */

/** Whether a value was passed as a Pulumi secret (the mock run marks them `{"@secret": …}`). */
export function isSecret(value: unknown): boolean {
  return typeof value === 'object' && value !== null && '@secret' in value;
}

/** A value with the secret markers taken off, at any depth. */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object' || value === null) return value;
  if ('@secret' in value) return plain(value['@secret']);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
}

/** The value at a dotted path (`spec.bootstrap.initdb`, `configs.0.store`), secrets unwrapped. */
export function at(value: unknown, dotted: string): unknown {
  let current = plain(value);
  for (const key of dotted.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
