/**
 * Measures generateLargeBase at load-test size (30 tables × 20 fields × 4,000 records), so the
 * time and heap quoted in the seed README come from a command anyone can rerun:
 *
 *   node --expose-gc services/airtable-emulator/src/seed/large/measure-large-base.ts
 *
 * Heap is what the generated base keeps alive after a full GC (needs --expose-gc).
 */
import { generateLargeBase } from './large-base.ts';

const collect = (globalThis as { gc?: () => void }).gc;
collect?.();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const base = generateLargeBase({ seed: 1, tables: 30, fieldsPerTable: 20, recordsPerTable: 4000 });
const elapsedMs = performance.now() - started;
collect?.();
const retainedBytes = process.memoryUsage().heapUsed - heapBefore;

console.log(
  JSON.stringify({
    tables: base.tables.length,
    fields: base.tables.reduce((sum, table) => sum + table.fields.length, 0),
    records: base.tables.reduce((sum, table) => sum + table.records.length, 0),
    elapsedMs: Math.round(elapsedMs),
    retainedHeapMB:
      collect === undefined ? 'run with --expose-gc' : Math.round(retainedBytes / 1e6),
    rssMB: Math.round(process.memoryUsage().rss / 1e6),
  }),
);
