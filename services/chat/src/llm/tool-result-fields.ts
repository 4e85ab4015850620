/**
 * Reading values out of tool results without trusting their wrapping: the orchestrator may
 * hand a tool's structured content over as the function response itself or under `output`
 * or `result`, and an MCP text block carries the same data as JSON after a summary line.
 */

/** A plain object, or `undefined`. */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** An array, or an empty one. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string, or `undefined`. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A finite number, or `undefined`. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

// Deep enough for {output: {content: [{text}]}}-style wrappings, shallow enough to stay cheap.
const MAX_DEPTH = 5;

/**
 * The first value under `key` found breadth-first in `value`, looking inside JSON embedded
 * in strings too (an MCP text block: "3 record(s) …\n{…}").
 */
export function findField(value: unknown, key: string): unknown {
  let level: unknown[] = [value];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth += 1) {
    const next: unknown[] = [];
    for (const item of level) {
      const record = asRecord(item);
      if (record !== undefined && key in record) return record[key];
      if (record !== undefined) next.push(...Object.values(record));
      else if (Array.isArray(item)) next.push(...(item as unknown[]));
      else if (typeof item === 'string' && item.includes(`"${key}"`)) next.push(embeddedJson(item));
    }
    level = next;
  }
  return undefined;
}

function embeddedJson(text: string): unknown {
  const start = text.indexOf('{');
  if (start === -1) return undefined;
  try {
    return JSON.parse(text.slice(start));
  } catch {
    return undefined;
  }
}
