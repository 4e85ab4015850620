import type { LlmContent, LlmToolDeclaration } from '../../src/llm/llm-types.ts';
import { planOfflineStep } from '../../src/llm/offline-plan.ts';
import type { PlannedCall } from '../../src/llm/offline-plan.ts';

// The demo bases of the Airtable emulator (services/airtable-emulator/src/seed/demo), as
// mcp's tools describe them: the ids and choices are the emulator's own.
export const SALES_BASE_ID = 'appmHgZ6xqMi4F07F';
export const PROJECTS_BASE_ID = 'appg3E4IITLms1Otb';

const choices = (...names: string[]) => ({
  choices: names.map((name, index) => ({ id: `sel${String(index)}`, name })),
});

/** list_bases's structured content. */
export const BASES = {
  bases: [
    { id: SALES_BASE_ID, name: 'Sales CRM', permissionLevel: 'create' },
    { id: PROJECTS_BASE_ID, name: 'Project tracker', permissionLevel: 'create' },
  ],
};

/** get_base_schema (detail "full") of the Sales CRM. */
export const SALES_SCHEMA = {
  baseId: SALES_BASE_ID,
  tables: [
    {
      id: 'tbl6YVKvCGFACajqI',
      name: 'Companies',
      primaryFieldId: 'fldCompanyName0001',
      fields: [
        { id: 'fldCompanyName0001', name: 'Name', type: 'singleLineText' },
        {
          id: 'fldIndustry0000001',
          name: 'Industry',
          type: 'singleSelect',
          options: choices('Software', 'Retail', 'Finance'),
        },
        { id: 'fldEmployees000001', name: 'Employees', type: 'number' },
      ],
    },
    {
      id: 'tblspusWpPuuPT6lt',
      name: 'Contacts',
      primaryFieldId: 'fldContactName0001',
      fields: [
        { id: 'fldContactName0001', name: 'Name', type: 'singleLineText' },
        { id: 'fldEmail0000000001', name: 'Email', type: 'email' },
        { id: 'fldTitle0000000001', name: 'Title', type: 'singleLineText' },
        { id: 'fldCompanyLink0001', name: 'Company', type: 'multipleRecordLinks' },
        { id: 'fldVip00000000001', name: 'VIP', type: 'checkbox' },
      ],
    },
    {
      id: 'tblfpqbBFrVMp6eRI',
      name: 'Deals',
      primaryFieldId: 'fldDealName000001',
      fields: [
        { id: 'fldDealName000001', name: 'Name', type: 'singleLineText' },
        { id: 'fldDealCompany0001', name: 'Company', type: 'multipleRecordLinks' },
        {
          id: 'fldAmount000000001',
          name: 'Amount',
          type: 'currency',
          options: { precision: 0, symbol: '$' },
        },
        {
          id: 'fldvQ6x6z6H8lBDwU',
          name: 'Stage',
          type: 'singleSelect',
          options: choices(
            'Lead',
            'Qualified',
            'Proposal',
            'Negotiation',
            'Closed Won',
            'Closed Lost',
          ),
        },
        { id: 'fldCloseDate000001', name: 'Close Date', type: 'date' },
        { id: 'fldProbability0001', name: 'Probability', type: 'percent' },
        { id: 'fldOwner0000000001', name: 'Owner', type: 'singleLineText' },
      ],
    },
  ],
};

/** get_base_schema (detail "full") of the Project tracker. */
export const PROJECTS_SCHEMA = {
  baseId: PROJECTS_BASE_ID,
  tables: [
    {
      id: 'tbl52IBh4k5zQolYJ',
      name: 'Projects',
      primaryFieldId: 'fldProjectName0001',
      fields: [
        { id: 'fldProjectName0001', name: 'Name', type: 'singleLineText' },
        {
          id: 'fldProjStatus00001',
          name: 'Status',
          type: 'singleSelect',
          options: choices('Planned', 'Active', 'Done'),
        },
      ],
    },
    {
      id: 'tbldWg4gMbYVWHSNZ',
      name: 'Tasks',
      primaryFieldId: 'fldTaskName0000001',
      fields: [
        { id: 'fldTaskName0000001', name: 'Name', type: 'singleLineText' },
        {
          id: 'fld5UuwfzETD07Rax',
          name: 'Status',
          type: 'singleSelect',
          options: choices('Todo', 'In progress', 'Blocked', 'Done'),
        },
        { id: 'fldEstimate0000001', name: 'Estimate Hours', type: 'number' },
      ],
    },
  ],
};

/** The read tools mcp offers, as declarations (their schemas do not matter to the planner). */
export function toolDeclarations(...names: string[]): LlmToolDeclaration[] {
  const all =
    names.length > 0
      ? names
      : [
          'list_bases',
          'get_base_schema',
          'list_records',
          'aggregate_records',
          'search_records',
          'describe_table',
        ];
  return all.map((name) => ({
    name,
    description: `The ${name} tool.`,
    parametersJsonSchema: { type: 'object' },
  }));
}

/** Answers a planned call the way a test's workspace would; returns structured content. */
export type ToolResponder = (call: PlannedCall) => Record<string, unknown>;

/** The demo workspace's answers to list_bases and get_base_schema. */
export function demoSchemaResponder(call: PlannedCall): Record<string, unknown> | undefined {
  if (call.name === 'list_bases') return BASES;
  if (call.name === 'get_base_schema') {
    const schema = call.args['baseId'] === SALES_BASE_ID ? SALES_SCHEMA : PROJECTS_SCHEMA;
    if (call.args['detail'] === 'tableIds') {
      return { baseId: schema.baseId, tables: schema.tables.map(({ id, name }) => ({ id, name })) };
    }
    return schema;
  }
  return undefined;
}

/** How a planner conversation went: each round of calls, then the answer. */
export interface PlannerRun {
  readonly rounds: PlannedCall[][];
  readonly answer: string;
  readonly contents: LlmContent[];
}

/**
 * Runs the planner as the orchestrator would: each round of calls becomes a model turn, the
 * responder's results a user turn (`{result}` as chat sends them), until it answers.
 */
export function runPlanner(
  question: string,
  respond: ToolResponder,
  tools: LlmToolDeclaration[] = toolDeclarations(),
): PlannerRun {
  const contents: LlmContent[] = [{ role: 'user', parts: [{ text: question }] }];
  const rounds: PlannedCall[][] = [];
  for (let step = 0; step < 8; step += 1) {
    const planned = planOfflineStep({ contents, tools });
    if (planned.kind === 'answer') return { rounds, answer: planned.text, contents };
    rounds.push([...planned.calls]);
    const ids = planned.calls.map((_, index) => `call-${String(step)}-${String(index)}`);
    contents.push({
      role: 'model',
      parts: planned.calls.map((call, index) => ({
        functionCall: { id: ids[index] ?? '', name: call.name, args: call.args },
      })),
    });
    contents.push({
      role: 'user',
      parts: planned.calls.map((call, index) => ({
        functionResponse: {
          id: ids[index] ?? '',
          name: call.name,
          response: { result: respond(call) },
        },
      })),
    });
  }
  throw new Error('the planner did not answer within 8 steps');
}
