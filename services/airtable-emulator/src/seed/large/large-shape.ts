/**
 * The shape of a generated load-test base: table names, records per table, and which record
 * links to which between neighbouring tables. Links are held in typed arrays (one int per
 * record) rather than arrays of ids, so planning 100k+ links costs a few hundred kilobytes.
 */
import type { Random } from '../random.ts';

const TABLE_NOUNS = [
  'Orders',
  'Shipments',
  'Invoices',
  'Products',
  'Suppliers',
  'Tickets',
  'Assets',
  'Events',
  'Leads',
  'Returns',
] as const;

/** A table's name ("Orders", then "Orders 2" once the nouns run out) and record-name code. */
export interface LargeTableName {
  readonly name: string;
  /** Prefix of its records' primary values: "ORD" gives "ORD-000001". */
  readonly code: string;
}

/** Names for `count` tables, distinct. */
export function largeTableNames(count: number): LargeTableName[] {
  return Array.from({ length: count }, (_, index) => {
    const noun = TABLE_NOUNS[index % TABLE_NOUNS.length] ?? 'Items';
    const round = Math.floor(index / TABLE_NOUNS.length);
    const code = noun.slice(0, 3).toUpperCase();
    return round === 0
      ? { name: noun, code }
      : { name: `${noun} ${round + 1}`, code: `${code}${round + 1}` };
  });
}

/** Records per table from the option: one count for all, or one per table. */
export function recordCounts(
  tables: number,
  recordsPerTable: number | readonly number[],
): number[] {
  const counts =
    typeof recordsPerTable === 'number'
      ? Array.from({ length: tables }, () => recordsPerTable)
      : [...recordsPerTable];
  if (counts.length !== tables) {
    throw new RangeError(`recordsPerTable lists ${counts.length} counts for ${tables} tables`);
  }
  if (counts.some((count) => !Number.isInteger(count) || count < 0)) {
    throw new RangeError('record counts must be whole numbers of at least 0');
  }
  return counts;
}

/** Links from the records of one table (sources) to those of the next (targets). */
export interface LinkTargets {
  /** Per source record, the index of the target record it links to, or -1. */
  readonly targetOf: Int32Array;
  /** The indexes of the source records linking to target `target`, ascending. */
  sourcesOf(target: number): Int32Array;
}

// Most records link on; some do not, so empty link cells are exercised too.
const LINKED_SHARE = 0.9;

/** Random links from each of `sources` records to one of `targets` records (or none). */
export function linkTargets(random: Random, sources: number, targets: number): LinkTargets {
  const targetOf = new Int32Array(sources).fill(-1);
  const counts = new Int32Array(targets + 1);
  for (let source = 0; source < sources; source += 1) {
    if (targets === 0 || !random.chance(LINKED_SHARE)) continue;
    const target = random.int(0, targets - 1);
    targetOf[source] = target;
    counts[target + 1] = (counts[target + 1] ?? 0) + 1;
  }
  // Compressed rows: sources of target t sit at order[starts[t] .. starts[t + 1]).
  const starts = counts;
  for (let target = 1; target <= targets; target += 1) {
    starts[target] = (starts[target] ?? 0) + (starts[target - 1] ?? 0);
  }
  const order = new Int32Array(starts[targets] ?? 0);
  const filled = starts.slice(0, targets);
  for (let source = 0; source < sources; source += 1) {
    const target = targetOf[source] ?? -1;
    if (target < 0) continue;
    const slot = filled[target] ?? 0;
    order[slot] = source;
    filled[target] = slot + 1;
  }
  return {
    targetOf,
    sourcesOf: (target) => order.subarray(starts[target] ?? 0, starts[target + 1] ?? 0),
  };
}
