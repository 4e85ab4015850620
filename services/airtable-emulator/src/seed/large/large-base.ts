/**
 * Generated bases for load tests: tens of tables, hundreds of fields and 100k+ records, the
 * same for the same seed. Neighbouring tables are linked (table n's "Next" links each record
 * to one record of table n+1, whose "Previous" lists them back), so link expansion, lookups
 * and inverse updates are exercised at scale.
 */
import { createIdMaker } from '../airtable-ids.ts';
import type { IdMaker } from '../airtable-ids.ts';
import { createFieldFactory, gridView } from '../field-factory.ts';
import { createRandom } from '../random.ts';
import type { Random } from '../random.ts';
import type { SeedBase, SeedField, SeedRecord, SeedTable, SeedView } from '../seed-format.ts';
import { createValuePools, largeColumns } from './large-columns.ts';
import type { Column, ValuePools } from './large-columns.ts';
import { largeTableNames, linkTargets, recordCounts } from './large-shape.ts';
import type { LinkTargets } from './large-shape.ts';

/** What to generate. */
export interface LargeBaseOptions {
  /** Fixes every id and value: the same seed gives the same base. */
  readonly seed: number;
  /** How many tables (at least 1). */
  readonly tables: number;
  /** Fields per table, counting the primary field and the link fields (at least 3). */
  readonly fieldsPerTable: number;
  /** Records in every table, or one count per table. */
  readonly recordsPerTable: number | readonly number[];
  /** The base id; one is made from the seed when absent. */
  readonly baseId?: string;
  /** The base name; "Load test (seed N)" when absent. */
  readonly name?: string;
}

const NEXT = 'Next';
const PREVIOUS = 'Previous';
const MIN_FIELDS = 3;

interface TablePlan {
  readonly id: string;
  readonly name: string;
  readonly code: string;
  readonly records: number;
  readonly fields: readonly SeedField[];
  readonly columns: readonly Column[];
  readonly views: readonly SeedView[];
}

function planTables(options: LargeBaseOptions, makeId: IdMaker, pools: ValuePools): TablePlan[] {
  const counts = recordCounts(options.tables, options.recordsPerTable);
  const ids = counts.map(() => makeId('tbl'));
  return largeTableNames(options.tables).map(({ name, code }, index) => {
    const id = ids[index] ?? '';
    const fields = createFieldFactory(id);
    const links: SeedField[] = [];
    const nextId = ids[index + 1];
    const previousId = ids[index - 1];
    if (nextId !== undefined) links.push(fields.link(NEXT, nextId, PREVIOUS, true));
    if (previousId !== undefined) links.push(fields.link(PREVIOUS, previousId, NEXT));
    const columns = largeColumns(fields, pools, options.fieldsPerTable - 1 - links.length);
    const quantity = columns.find((column) => column.field.name === 'Quantity');
    return {
      id,
      name,
      code,
      records: counts[index] ?? 0,
      fields: [fields.text('Name'), ...links, ...columns.map((column) => column.field)],
      columns,
      views: [
        gridView(id, 'All records'),
        ...(quantity === undefined
          ? []
          : [
              gridView(id, 'Large quantities', {
                filterByFormula: '{Quantity} > 50',
                sort: [{ field: 'Quantity', direction: 'desc' }],
              }),
            ]),
      ],
    };
  });
}

/** Links between one table and a neighbour: the neighbour's record ids and who links where. */
interface Neighbour {
  readonly ids: readonly string[];
  readonly links: LinkTargets;
}

function nextCell(next: Neighbour, index: number): string[] | undefined {
  const id = next.ids[next.links.targetOf[index] ?? -1];
  return id === undefined ? undefined : [id];
}

function previousCell(previous: Neighbour, index: number): string[] | undefined {
  const sources = previous.links.sourcesOf(index);
  if (sources.length === 0) return undefined;
  return Array.from(sources, (source) => previous.ids[source] ?? '');
}

function buildRecords(
  plan: TablePlan,
  recordIds: readonly string[],
  neighbours: { readonly next: Neighbour | undefined; readonly previous: Neighbour | undefined },
  random: Random,
  pools: ValuePools,
): SeedRecord[] {
  const records = new Array<SeedRecord>(plan.records);
  for (let index = 0; index < plan.records; index += 1) {
    const fields: Record<string, unknown> = {
      Name: `${plan.code}-${String(index + 1).padStart(6, '0')}`,
    };
    const next = neighbours.next && nextCell(neighbours.next, index);
    if (next !== undefined) fields[NEXT] = next;
    const previous = neighbours.previous && previousCell(neighbours.previous, index);
    if (previous !== undefined) fields[PREVIOUS] = previous;
    for (const column of plan.columns) {
      const value = column.makeCell?.(random);
      if (value !== undefined) fields[column.field.name] = value;
    }
    records[index] = {
      id: recordIds[index] ?? '',
      createdTime: random.pick(pools.timestamps),
      fields,
    };
  }
  return records;
}

function neighbour(ids: readonly string[] | undefined, links: LinkTargets | undefined) {
  return ids === undefined || links === undefined ? undefined : { ids, links };
}

function checkOptions(options: LargeBaseOptions): void {
  if (!Number.isInteger(options.tables) || options.tables < 1) {
    throw new RangeError('tables must be a whole number of at least 1');
  }
  if (!Number.isInteger(options.fieldsPerTable) || options.fieldsPerTable < MIN_FIELDS) {
    throw new RangeError(`fieldsPerTable must be a whole number of at least ${MIN_FIELDS}`);
  }
  if (options.baseId !== undefined && !/^app[A-Za-z0-9]{14}$/.test(options.baseId)) {
    throw new RangeError(`baseId ${options.baseId} is not app + 14 letters or digits`);
  }
}

/** A load-test base; throws RangeError on options it cannot honour. */
export function generateLargeBase(options: LargeBaseOptions): SeedBase {
  checkOptions(options);
  const makeId = createIdMaker(options.seed);
  const random = createRandom(options.seed ^ 0x5bd1e995);
  // Made even when a baseId is given, so every other id is the same either way.
  const madeBaseId = makeId('app');
  const pools = createValuePools(random);
  const plans = planTables(options, makeId, pools);
  const recordIds = plans.map((plan) => Array.from({ length: plan.records }, () => makeId('rec')));
  // Links from table n to n+1, chosen once and read from both sides so they always agree.
  const links = plans
    .slice(1)
    .map((plan, index) => linkTargets(random, plans[index]?.records ?? 0, plan.records));

  const tables: SeedTable[] = plans.map((plan, index) => ({
    id: plan.id,
    name: plan.name,
    fields: plan.fields,
    views: plan.views,
    records: buildRecords(
      plan,
      recordIds[index] ?? [],
      {
        next: neighbour(recordIds[index + 1], links[index]),
        previous: neighbour(recordIds[index - 1], links[index - 1]),
      },
      random,
      pools,
    ),
  }));
  return {
    id: options.baseId ?? madeBaseId,
    name: options.name ?? `Load test (seed ${options.seed})`,
    tables,
  };
}
