/**
 * The non-link fields of a generated load-test table: a fixed cycle of field types (numbers,
 * selects, dates, checkboxes, text, formulas...) repeated with a numeric suffix until the
 * table has as many fields as asked, each with a cheap value generator.
 *
 * Text, dates and select sets are drawn from small pools built once, so 100k records share
 * a few thousand strings and arrays instead of each holding its own copies.
 */
import { addDays, timestampOn } from '../calendar.ts';
import type { FieldFactory } from '../field-factory.ts';
import type { Random } from '../random.ts';
import type { SeedField } from '../seed-format.ts';

/** Makes one record's value for a column; undefined leaves the cell empty. */
export type CellMaker = (random: Random) => unknown;

/** A field and how to fill it; computed fields (formulas) have no maker. */
export interface Column {
  readonly field: SeedField;
  readonly makeCell: CellMaker | undefined;
}

/** Shared values records draw from. */
export interface ValuePools {
  readonly dates: readonly string[];
  readonly timestamps: readonly string[];
  readonly notes: readonly string[];
  readonly labelSets: readonly (readonly string[])[];
  readonly emails: readonly string[];
  readonly urls: readonly string[];
  readonly phones: readonly string[];
}

const CATEGORIES = ['North', 'South', 'East', 'West', 'Online', 'Retail', 'Wholesale', 'Partner'];
const LABELS = ['urgent', 'review', 'backorder', 'gift', 'fragile', 'returned', 'vip', 'promo'];
const NOTE_WORDS = ['Call back', 'Shipped late', 'Paid by card', 'Needs approval', 'Reordered'];
const NOTE_TAILS = ['before Friday.', 'per the contract.', 'twice this month.', 'no action.'];

/** Pools for one generated base (they depend on nothing but `random`). */
export function createValuePools(random: Random): ValuePools {
  const labelSets = Array.from({ length: 64 }, () =>
    random.sample(LABELS, random.pickWeighted([1, 2, 3], [4, 2, 1])),
  );
  return {
    dates: Array.from({ length: 730 }, (_, day) => addDays('2025-01-01', day)),
    timestamps: Array.from({ length: 2000 }, () =>
      timestampOn(addDays('2025-01-01', random.int(0, 729)), random.int(0, 23), random.int(0, 59)),
    ),
    notes: NOTE_WORDS.flatMap((words) => NOTE_TAILS.map((tail) => `${words} ${tail}`)),
    labelSets,
    emails: Array.from({ length: 500 }, (_, index) => `buyer${index + 1}@example.com`),
    urls: Array.from({ length: 200 }, (_, index) => `https://shop${index + 1}.example.com/`),
    phones: Array.from(
      { length: 500 },
      () => `+1 555 ${random.int(100, 999)} ${random.int(1000, 9999)}`,
    ),
  };
}

interface ColumnKind {
  readonly name: string;
  readonly field: (fields: FieldFactory, name: string, suffix: string) => SeedField;
  readonly makeCell: ((pools: ValuePools) => CellMaker) | undefined;
}

// Quantity and Price come before the formulas that use them, so any table long enough to
// get a formula also has the fields it names.
const KINDS: readonly ColumnKind[] = [
  { name: 'Quantity', field: (f, name) => f.number(name), makeCell: () => (r) => r.int(1, 100) },
  {
    name: 'Category',
    field: (f, name) => f.select(name, CATEGORIES),
    makeCell: () => (r) => r.pick(CATEGORIES),
  },
  { name: 'Due Date', field: (f, name) => f.date(name), makeCell: (p) => (r) => r.pick(p.dates) },
  {
    name: 'Active',
    field: (f, name) => f.checkbox(name),
    makeCell: () => (r) => r.chance(0.6) || undefined,
  },
  {
    name: 'Price',
    field: (f, name) => f.currency(name),
    makeCell: () => (r) => r.int(100, 99_999) / 100,
  },
  {
    name: 'Total',
    field: (f, name, suffix) => f.formula(name, `{Quantity${suffix}} * {Price${suffix}}`),
    makeCell: undefined,
  },
  {
    name: 'Labels',
    field: (f, name) => f.multiSelect(name, LABELS),
    makeCell: (p) => (r) => (r.chance(0.3) ? undefined : r.pick(p.labelSets)),
  },
  {
    name: 'Discount',
    field: (f, name) => f.percent(name),
    makeCell: () => (r) => r.int(0, 30) / 100,
  },
  {
    name: 'Updated At',
    field: (f, name) => f.dateTime(name),
    makeCell: (p) => (r) => r.pick(p.timestamps),
  },
  {
    name: 'Email',
    field: (f, name) => f.text(name, 'email'),
    makeCell: (p) => (r) => r.pick(p.emails),
  },
  { name: 'Score', field: (f, name) => f.rating(name), makeCell: () => (r) => r.int(1, 5) },
  {
    name: 'Notes',
    field: (f, name) => f.text(name, 'multilineText'),
    makeCell: (p) => (r) => (r.chance(0.5) ? r.pick(p.notes) : undefined),
  },
  {
    name: 'Website',
    field: (f, name) => f.text(name, 'url'),
    makeCell: (p) => (r) => r.pick(p.urls),
  },
  {
    name: 'Size',
    field: (f, name, suffix) => f.formula(name, `IF({Quantity${suffix}} > 50, 'large', 'small')`),
    makeCell: undefined,
  },
  {
    name: 'Phone',
    field: (f, name) => f.text(name, 'phoneNumber'),
    makeCell: (p) => (r) => r.pick(p.phones),
  },
];

/** `count` columns for a table, cycling through the field types ("Quantity", …, "Quantity 2"). */
export function largeColumns(fields: FieldFactory, pools: ValuePools, count: number): Column[] {
  return Array.from({ length: count }, (_, index) => {
    const round = Math.floor(index / KINDS.length);
    const kind = KINDS[index % KINDS.length];
    if (kind === undefined) throw new RangeError('no column kinds');
    const suffix = round === 0 ? '' : ` ${round + 1}`;
    return {
      field: kind.field(fields, kind.name + suffix, suffix),
      makeCell: kind.makeCell?.(pools),
    };
  });
}
