import type { JsonValue } from '@pyairtable/kit';

/** The statistics of one group (or of all records). */
export interface Statistics {
  /** Records in the group. */
  count: number;
  /** Records whose field held a number: what sum, avg, min and max are over. */
  valueCount: number;
  sum: number;
  min: number | null;
  max: number | null;
}

/** A running aggregate: fed one record at a time, so no page is kept after it is counted. */
export interface Accumulator {
  add(value: JsonValue | undefined, groupKey: string | undefined): void;
  readonly total: Statistics;
  readonly groups: ReadonlyMap<string, Statistics>;
}

const emptyStatistics = (): Statistics => ({
  count: 0,
  valueCount: 0,
  sum: 0,
  min: null,
  max: null,
});

function addTo(stats: Statistics, value: JsonValue | undefined): void {
  stats.count += 1;
  if (typeof value !== 'number' || !Number.isFinite(value)) return;
  stats.valueCount += 1;
  stats.sum += value;
  stats.min = stats.min === null ? value : Math.min(stats.min, value);
  stats.max = stats.max === null ? value : Math.max(stats.max, value);
}

/** Starts an aggregate over no records. */
export function createAccumulator(): Accumulator {
  const total = emptyStatistics();
  const groups = new Map<string, Statistics>();
  return {
    total,
    groups,
    add(value, groupKey) {
      addTo(total, value);
      if (groupKey === undefined) return;
      let group = groups.get(groupKey);
      if (group === undefined) {
        group = emptyStatistics();
        groups.set(groupKey, group);
      }
      addTo(group, value);
    },
  };
}

/** The group a cell puts its record in: lists (multiple selects, links) as one joined key. */
export function groupKeyOf(cell: JsonValue | undefined): string {
  if (cell === undefined || cell === null || cell === '') return '(empty)';
  if (Array.isArray(cell)) return cell.length === 0 ? '(empty)' : cell.map(keyText).join(', ');
  return keyText(cell);
}

function keyText(cell: JsonValue): string {
  if (typeof cell === 'object' && cell !== null) {
    // Collaborators and attachments carry a readable name; anything else as JSON.
    const name = (cell as Record<string, JsonValue>)['name'];
    return typeof name === 'string' ? name : JSON.stringify(cell);
  }
  return String(cell);
}
