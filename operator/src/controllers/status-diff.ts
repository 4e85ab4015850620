/**
 * Whether two statuses differ. The apiserver returns objects with keys sorted (Go encodes
 * maps that way), so a plain JSON comparison would see a change on every reconcile.
 */
export function statusChanged(previous: unknown, next: unknown): boolean {
  return canonicalJson(previous ?? {}) !== canonicalJson(next);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) =>
    typeof nested === 'object' && nested !== null && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => a.localeCompare(b)))
      : nested,
  );
}
