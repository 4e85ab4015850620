import {
  describeAbilities,
  describeBases,
  describeCount,
  describeRecords,
  describeSum,
  describeTables,
  offlineAnswer,
  plural,
} from './offline-answer.ts';
import { resolveCondition } from './offline-condition.ts';
import type { FieldFilter } from './offline-condition.ts';
import { readExchange } from './offline-conversation.ts';
import type { Observation } from './offline-conversation.ts';
import { parseQuestion } from './offline-question.ts';
import type { OfflineIntent } from './offline-question.ts';
import { basesFrom, findSchemaField, findTable, loose, schemasFrom } from './offline-schema.ts';
import type { BaseSummary, TableMatch } from './offline-schema.ts';
import type { LlmRequest } from './llm-types.ts';
import { asArray, asRecord, findField } from './tool-result-fields.ts';

/** A tool call the planner wants made. */
export interface PlannedCall {
  readonly name: string;
  readonly args: Readonly<Record<string, unknown>>;
}

/** The planner's next move: one round of tool calls, or the final answer. */
export type OfflineStep =
  | { readonly kind: 'calls'; readonly calls: readonly PlannedCall[] }
  | { readonly kind: 'answer'; readonly text: string };

type TableIntent = Extract<OfflineIntent, { kind: 'list-records' | 'count' | 'sum' | 'search' }>;

interface Context {
  readonly tools: ReadonlySet<string>;
  readonly observations: readonly Observation[];
}

// A workspace rarely allows more; each schema is one call in the same round.
const MAX_SCHEMA_BASES = 10;
const SEARCH_PAGE_SIZE = 10;
const NUMERIC_TYPES = new Set([
  'number',
  'currency',
  'percent',
  'rating',
  'duration',
  'autoNumber',
  'count',
  'rollup',
  'formula',
]);

/**
 * The offline planner: decides, from the conversation alone, the next round of tool calls or
 * the final answer to the user's latest question, using only the tools the request offers.
 * It needs no state of its own: the results of earlier rounds are in `contents`, so it runs
 * the same in any replica and after a restart. Every answer starts with {@link offlineAnswer}'s
 * prefix.
 */
export function planOfflineStep(request: Pick<LlmRequest, 'contents' | 'tools'>): OfflineStep {
  const tools = new Set(request.tools.map((tool) => tool.name));
  const { question, observations } = readExchange(request.contents);
  const context: Context = { tools, observations };
  const step =
    question === undefined
      ? answer(describeAbilities(tools))
      : planFor(parseQuestion(question), context);
  // Asking again for what is already known would loop until the orchestrator's step limit.
  if (step.kind === 'calls' && step.calls.some((planned) => alreadyMade(planned, observations))) {
    return answer('I could not finish this question: the tools did not return what I expected.');
  }
  return step;
}

function planFor(intent: OfflineIntent, context: Context): OfflineStep {
  const failed = context.observations.find((observation) => observation.error !== undefined);
  if (failed !== undefined) return answer(`The ${failed.name} tool failed: ${failed.error ?? ''}`);
  if (intent.kind === 'unknown') {
    return answer(`I did not understand that question. ${describeAbilities(context.tools)}`);
  }
  const bases = basesFrom(context.observations);
  if (bases === undefined) return call(context, [{ name: 'list_bases', args: {} }]);
  if (intent.kind === 'list-bases' || bases.length === 0) return answer(describeBases(bases));
  if (intent.kind === 'list-tables') return planTables(intent.base, bases, context);
  return planTableQuestion(intent, bases, context);
}

function planTables(
  hint: string | undefined,
  bases: readonly BaseSummary[],
  context: Context,
): OfflineStep {
  const base = hint === undefined ? bases[0] : findBase(bases, hint);
  if (base === undefined) {
    return answer(`I could not find a base called "${hint ?? ''}". ${describeBases(bases)}`);
  }
  const schema = schemasFrom(context.observations).find(
    (candidate) => candidate.baseId === base.id,
  );
  if (schema === undefined) {
    return call(context, [
      { name: 'get_base_schema', args: { baseId: base.id, detail: 'tableIds' } },
    ]);
  }
  return answer(describeTables(base.name, schema.tables));
}

function findBase(bases: readonly BaseSummary[], hint: string): BaseSummary | undefined {
  const wanted = loose(hint);
  return (
    bases.find((base) => base.id === hint || loose(base.name) === wanted) ??
    bases.find((base) => loose(base.name).includes(wanted))
  );
}

function planTableQuestion(
  intent: TableIntent,
  bases: readonly BaseSummary[],
  context: Context,
): OfflineStep {
  const schemas = schemasFrom(context.observations);
  if (schemas.length === 0) {
    const calls = bases
      .slice(0, MAX_SCHEMA_BASES)
      .map((base) => ({ name: 'get_base_schema', args: { baseId: base.id, detail: 'full' } }));
    return call(context, calls);
  }
  const match = findTable(schemas, intent.table);
  if (match === undefined) {
    const names = schemas.flatMap((schema) => schema.tables.map((table) => table.name));
    return answer(
      `I could not find a table called "${intent.table}". Tables: ${names.join(', ')}.`,
    );
  }
  const conditions = [match.leftover, 'condition' in intent ? intent.condition : undefined];
  const filter = filterFor(match, conditions);
  if (filter.kind === 'problem') return answer(filter.text);
  switch (intent.kind) {
    case 'search':
      return planSearch(intent.term, match, context);
    case 'list-records':
      return planRecords(intent.count, match, filter, context);
    case 'count':
      return planCount(match, filter, context);
    case 'sum':
      return planSum(intent.field, match, filter, context);
  }
}

type Filtering =
  | {
      readonly kind: 'filter';
      readonly filter: object | undefined;
      readonly description: string | undefined;
    }
  | { readonly kind: 'problem'; readonly text: string };

function filterFor(match: TableMatch, conditions: readonly (string | undefined)[]): Filtering {
  const filters: FieldFilter[] = [];
  const descriptions: string[] = [];
  for (const condition of conditions) {
    if (condition === undefined || condition.trim() === '') continue;
    const resolved = resolveCondition(match.table, condition);
    if (resolved.kind === 'problem') return resolved;
    filters.push(resolved.filter);
    descriptions.push(resolved.description);
  }
  const [only] = filters;
  return {
    kind: 'filter',
    filter: filters.length > 1 ? { and: filters } : only,
    description: descriptions.length === 0 ? undefined : descriptions.join(' and '),
  };
}

function planSearch(term: string, match: TableMatch, context: Context): OfflineStep {
  const done = resultOf(context, 'search_records');
  if (done === undefined) {
    const args = {
      baseId: match.baseId,
      table: match.table.name,
      term,
      pageSize: SEARCH_PAGE_SIZE,
    };
    return call(context, [{ name: 'search_records', args }]);
  }
  const records = asArray(findField(done, 'records'));
  if (records.length === 0) return answer(`No records in ${match.table.name} contain "${term}".`);
  const verb = records.length === 1 ? 'contains' : 'contain';
  const heading = `${plural(records.length, 'record')} in ${match.table.name} ${verb} "${term}":`;
  return answer(describeRecords(heading, records, match.table));
}

function planRecords(
  count: number,
  match: TableMatch,
  filter: Extract<Filtering, { kind: 'filter' }>,
  context: Context,
): OfflineStep {
  const done = resultOf(context, 'list_records');
  if (done === undefined) {
    const args = {
      baseId: match.baseId,
      table: match.table.name,
      pageSize: count,
      ...(filter.filter === undefined ? {} : { filter: filter.filter }),
    };
    return call(context, [{ name: 'list_records', args }]);
  }
  const records = asArray(findField(done, 'records'));
  const where = filter.description === undefined ? '' : ` where ${filter.description}`;
  if (records.length === 0) return answer(`${match.table.name} has no records${where}.`);
  const heading = `${plural(records.length, 'record')} from ${match.table.name}${where}:`;
  return answer(describeRecords(heading, records, match.table));
}

function planCount(
  match: TableMatch,
  filter: Extract<Filtering, { kind: 'filter' }>,
  context: Context,
): OfflineStep {
  const done = resultOf(context, 'aggregate_records');
  if (done === undefined) return aggregate(match, filter, undefined, context);
  const count = asRecord(findField(done, 'total'))?.['count'];
  if (typeof count !== 'number')
    return answer('The count came back in a shape I do not understand.');
  return answer(describeCount(count, match.table.name, filter.description));
}

function planSum(
  fieldPhrase: string,
  match: TableMatch,
  filter: Extract<Filtering, { kind: 'filter' }>,
  context: Context,
): OfflineStep {
  const field = findSchemaField(match.table, fieldPhrase);
  if (field?.type === undefined || !NUMERIC_TYPES.has(field.type)) {
    const numeric = match.table.fields.filter((candidate) =>
      NUMERIC_TYPES.has(candidate.type ?? ''),
    );
    const names = numeric.map((candidate) => candidate.name).join(', ') || 'none';
    return answer(
      `${match.table.name} has no numeric field "${fieldPhrase}". Numeric fields: ${names}.`,
    );
  }
  const done = resultOf(context, 'aggregate_records');
  if (done === undefined) return aggregate(match, filter, field.name, context);
  const total = asRecord(findField(done, 'total'));
  if (total === undefined) return answer('The total came back in a shape I do not understand.');
  return answer(describeSum(total, field.name, match.table.name, filter.description));
}

function aggregate(
  match: TableMatch,
  filter: Extract<Filtering, { kind: 'filter' }>,
  field: string | undefined,
  context: Context,
): OfflineStep {
  const args = {
    baseId: match.baseId,
    table: match.table.name,
    ...(field === undefined ? {} : { field }),
    ...(filter.filter === undefined ? {} : { filter: filter.filter }),
  };
  return call(context, [{ name: 'aggregate_records', args }]);
}

function resultOf(context: Context, name: string): Readonly<Record<string, unknown>> | undefined {
  return context.observations.find((observation) => observation.name === name)?.result;
}

function call(context: Context, calls: readonly PlannedCall[]): OfflineStep {
  const missing = calls.find((planned) => !context.tools.has(planned.name));
  if (missing !== undefined) {
    return answer(
      `This needs the ${missing.name} tool, which is not available here. ${describeAbilities(context.tools)}`,
    );
  }
  return { kind: 'calls', calls };
}

function answer(text: string): OfflineStep {
  return { kind: 'answer', text: offlineAnswer(text) };
}

function alreadyMade(planned: PlannedCall, observations: readonly Observation[]): boolean {
  const key = JSON.stringify([planned.name, planned.args]);
  return observations.some(
    (observation) => JSON.stringify([observation.name, observation.args]) === key,
  );
}
