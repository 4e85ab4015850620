/** What replaces a secret wherever it is found. */
export const REDACTED = '[REDACTED]';

/**
 * Keys whose values are secret whatever they hold. Compared after lower-casing and removing
 * `-` and `_`, and matched as a suffix so `accessToken`, `x-api-key` and `DB_PASSWORD` are
 * caught while `promptTokenCount` and `maxTokens` (usage numbers) are not.
 */
const SECRET_KEY_SUFFIXES = [
  'authorization',
  'cookie',
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'privatekey',
  'credential',
  'credentials',
];

/**
 * Secrets recognisable by their shape, wherever they appear in a string. They also run over
 * finished JSON log lines, so none may match across a quote or a backslash.
 */
const SECRET_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, `$1 ${REDACTED}`],
  // Credentials inside URLs: postgres://user:secret@host, redis://:secret@host.
  [/(\b[a-z][\w+.-]*:\/\/[^:/?#\s@"'\\]*:)[^@/?#\s"'\\]+@/gi, `$1${REDACTED}@`],
  // JSON Web Tokens (three base64url parts, the first a JSON header).
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]+/g, REDACTED],
  // Airtable personal access tokens.
  [/\bpat[A-Za-z0-9]{14}\.[A-Za-z0-9]{20,}/g, REDACTED],
  // Secrets passed in query strings.
  [/([?&](?:api[_-]?key|token|access_token|password|key)=)[^&\s#"'\\]+/gi, `$1${REDACTED}`],
];

/** True when a field with this name holds a secret. */
export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEY_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

/** Replaces every recognisable secret inside a string. */
export function redactString(text: string, extraPatterns: readonly RegExp[] = []): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_PATTERNS)
    result = result.replace(pattern, replacement);
  for (const pattern of extraPatterns) result = result.replace(pattern, REDACTED);
  return result;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A deep copy of `value`'s plain objects and arrays with secret keys masked and secret-shaped
 * strings replaced.
 * Cycles and very deep values are cut rather than followed, since this runs on every log line.
 */
export function redactValue(value: unknown, extraPatterns: readonly RegExp[] = []): unknown {
  const seen = new WeakSet<object>();
  const walk = (current: unknown, depth: number): unknown => {
    if (typeof current === 'string') return redactString(current, extraPatterns);
    if (typeof current !== 'object' || current === null) return current;
    if (seen.has(current)) return '[Circular]';
    if (depth > 8) return '[Truncated]';
    seen.add(current);
    if (Array.isArray(current)) return current.map((item) => walk(item, depth + 1));
    // Errors, requests and other class instances are left to the logger's serializers, which
    // know their shape and mask their output; copying them here would lose their fields.
    if (!isPlainObject(current)) return current;
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(current)) {
      copy[key] = isSecretKey(key) && field !== undefined ? REDACTED : walk(field, depth + 1);
    }
    return copy;
  };
  return walk(value, 0);
}
