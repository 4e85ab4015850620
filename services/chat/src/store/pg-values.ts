/**
 * Postgres refuses two things JavaScript strings may hold: NUL (in `text` and `jsonb`) and,
 * in `jsonb`, an unpaired UTF-16 surrogate, which `JSON.stringify` writes as a `\ud8xx`
 * escape. Model output and tool results are not ours to vouch for, and a refused write would
 * lose a whole answer, so both become U+FFFD, as a UTF-8 encoder would render them.
 */
export function toStoredText(text: string): string {
  return text.toWellFormed().replaceAll('\0', '\uFFFD');
}

/**
 * `value` as a `jsonb` parameter: JSON text, or SQL null for `null`/`undefined`. pg would
 * otherwise send a string as-is (not JSON) and an array as a Postgres array literal.
 */
export function toJsonb(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const encoded = JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'string' ? toStoredText(inner) : inner,
  ) as string | undefined;
  // A function or a symbol has no JSON form: store nothing rather than fail the answer.
  return encoded ?? null;
}
