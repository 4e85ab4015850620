import { formatNumber } from './offline-condition.ts';
import { primaryFieldName } from './offline-schema.ts';
import type { BaseSummary, SchemaTable } from './offline-schema.ts';
import { asArray, asNumber, asRecord, asString } from './tool-result-fields.ts';

/** How every offline answer starts, so nobody mistakes it for a model's. */
export const OFFLINE_PREFIX = '(Offline planner, no language model) ';

// Enough to recognise a record at a glance without flooding the chat.
const EXTRA_COLUMNS = 4;
const MAX_VALUE_CHARS = 60;
const RECORD_ID = /^rec[A-Za-z0-9]{14}$/;

/** An answer with the offline prefix. */
export function offlineAnswer(text: string): string {
  return `${OFFLINE_PREFIX}${text}`;
}

/** "You can use 2 bases:" and a line per base. */
export function describeBases(bases: readonly BaseSummary[]): string {
  if (bases.length === 0) return 'This workspace has no bases it may use.';
  const lines = bases.map((base) => `- ${base.name} (${base.id})`);
  return [`You can use ${plural(bases.length, 'base')}:`, ...lines].join('\n');
}

/** "Sales CRM has 3 tables:" and a line per table. */
export function describeTables(baseName: string, tables: readonly SchemaTable[]): string {
  if (tables.length === 0) return `${baseName} has no tables.`;
  const lines = tables.map((table) => `- ${table.name}`);
  return [`${baseName} has ${plural(tables.length, 'table')}:`, ...lines].join('\n');
}

/**
 * A heading, then the records as a GitHub-flavoured Markdown table: the primary field, then up
 * to EXTRA_COLUMNS other fields, the first in schema order (then in the records' own order)
 * that have a value in this page. Links (record ids) and empty values are left out.
 */
export function describeRecords(
  heading: string,
  records: readonly unknown[],
  table: SchemaTable,
): string {
  const primary = primaryFieldName(table);
  const rows = records.map((item) => ({
    id: asString(asRecord(item)?.['id']),
    fields: asRecord(asRecord(item)?.['fields']) ?? {},
  }));
  const candidates = new Set([
    ...table.fields.map((field) => field.name),
    ...rows.flatMap((row) => Object.keys(row.fields)),
  ]);
  const columns = [...candidates]
    .filter((name) => name !== primary)
    .filter((name) => rows.some((row) => valueText(row.fields[name]) !== undefined))
    .slice(0, EXTRA_COLUMNS);
  const header = [primary ?? 'Record', ...columns];
  const body = rows.map((row) => {
    const title = primary === undefined ? undefined : valueText(row.fields[primary]);
    const label = title ?? row.id ?? 'record';
    return [label, ...columns.map((name) => valueText(row.fields[name]) ?? '')];
  });
  const lines = [header, header.map(() => '---'), ...body].map(
    (cells, index) =>
      `| ${cells.map((cell) => (index === 1 ? cell : tableCell(cell))).join(' | ')} |`,
  );
  // A blank line keeps the heading a paragraph of its own, above the table.
  return [heading, '', ...lines].join('\n');
}

/** "There are 59 records in Deals where Stage is "Closed Won"." */
export function describeCount(
  count: number,
  tableName: string,
  condition: string | undefined,
): string {
  const where = condition === undefined ? '' : ` where ${condition}`;
  const verb = count === 1 ? 'is' : 'are';
  return `There ${verb} ${plural(count, 'record')} in ${tableName}${where}.`;
}

/** "The total Amount of Deals where … is 2,002,400 (59 records)." */
export function describeSum(
  total: Readonly<Record<string, unknown>>,
  field: string,
  tableName: string,
  condition: string | undefined,
): string {
  const where = condition === undefined ? '' : ` where ${condition}`;
  const sum = asNumber(total['sum']) ?? 0;
  const count = asNumber(total['count']) ?? 0;
  return `The total ${field} of ${tableName}${where} is ${formatNumber(sum)} (${plural(count, 'record')}).`;
}

/** What the planner can do, given the tools this workspace offers. */
export function describeAbilities(tools: ReadonlySet<string>): string {
  const examples: string[] = [];
  if (tools.has('list_bases')) examples.push('"list the bases"');
  if (tools.has('get_base_schema')) examples.push('"list the tables in Sales CRM"');
  if (tools.has('list_records')) examples.push('"show 5 deals"');
  if (tools.has('aggregate_records')) {
    examples.push('"how many deals are won"', '"total Amount of deals where Stage is Closed Won"');
  }
  if (tools.has('search_records')) examples.push('"search contacts for Smith"');
  if (examples.length === 0)
    return 'I can answer simple questions about bases, but no tools are available here.';
  return `I answer simple questions without a language model. Try: ${examples.join(', ')}.`;
}

/** A number and a noun, pluralised: "1 record", "59 records". */
export function plural(count: number, noun: string): string {
  return `${formatNumber(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** Record values rendered as text; links (record ids) and empty values left out. */
function valueText(value: unknown): string | undefined {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    if (value.trim() === '' || RECORD_ID.test(value)) return undefined;
    return value;
  }
  const items = asArray(value)
    .map((item) =>
      typeof item === 'string' || typeof item === 'number' ? valueText(item) : undefined,
    )
    .filter((item) => item !== undefined);
  return items.length === 0 ? undefined : items.join(', ');
}

/** Text safe in one table cell: on one line, cut short, with backslashes and pipes escaped. */
function tableCell(text: string): string {
  const line = text.replaceAll(/\s*[\r\n]+\s*/g, ' ').trim();
  const short =
    line.length > MAX_VALUE_CHARS ? `${line.slice(0, MAX_VALUE_CHARS).trimEnd()}…` : line;
  return short.replaceAll('\\', '\\\\').replaceAll('|', '\\|');
}
