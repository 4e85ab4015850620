import { describe, expect, it } from 'vitest';
import type { LlmContent } from '../../src/llm/llm-types.ts';
import { OFFLINE_PREFIX } from '../../src/llm/offline-answer.ts';
import { planOfflineStep } from '../../src/llm/offline-plan.ts';
import type { PlannedCall } from '../../src/llm/offline-plan.ts';
import {
  BASES,
  demoSchemaResponder,
  PROJECTS_BASE_ID,
  runPlanner,
  SALES_BASE_ID,
  SALES_SCHEMA,
  toolDeclarations,
} from './offline-fixtures.ts';

// The demo Sales CRM's real figures: 59 of its 250 deals are Closed Won, for $2,002,400.
const WON_DEALS = { table: 'Deals', total: { count: 59, valueCount: 0 } };
const WON_AMOUNT = {
  table: 'Deals',
  field: 'Amount',
  total: { count: 59, valueCount: 59, sum: 2_002_400 },
};

function respondWith(results: Partial<Record<string, Record<string, unknown>>>) {
  return (call: PlannedCall): Record<string, unknown> => {
    const result = demoSchemaResponder(call) ?? results[call.name];
    if (result === undefined) throw new Error(`unexpected call to ${call.name}`);
    return result;
  };
}

describe('offline planner: scripted conversations', () => {
  it('lists the tables of the first base: list_bases, then its schema, then the answer', () => {
    const run = runPlanner('List the tables', respondWith({}));

    expect(run.rounds).toEqual([
      [{ name: 'list_bases', args: {} }],
      [{ name: 'get_base_schema', args: { baseId: SALES_BASE_ID, detail: 'tableIds' } }],
    ]);
    expect(run.answer).toBe(
      `${OFFLINE_PREFIX}Sales CRM has 3 tables:\n- Companies\n- Contacts\n- Deals`,
    );
  });

  it('lists the tables of a base the question names', () => {
    const run = runPlanner('What tables are in the Project tracker base?', respondWith({}));

    expect(run.rounds[1]).toEqual([
      { name: 'get_base_schema', args: { baseId: PROJECTS_BASE_ID, detail: 'tableIds' } },
    ]);
    expect(run.answer).toContain('Project tracker has 2 tables:\n- Projects\n- Tasks');
  });

  it('answers "how many deals are won" with an exact count filtered on Stage = Closed Won', () => {
    const run = runPlanner(
      'How many deals are won?',
      respondWith({ aggregate_records: WON_DEALS }),
    );

    expect(run.rounds).toEqual([
      [{ name: 'list_bases', args: {} }],
      [
        { name: 'get_base_schema', args: { baseId: SALES_BASE_ID, detail: 'full' } },
        { name: 'get_base_schema', args: { baseId: PROJECTS_BASE_ID, detail: 'full' } },
      ],
      [
        {
          name: 'aggregate_records',
          args: {
            baseId: SALES_BASE_ID,
            table: 'Deals',
            filter: { field: 'Stage', op: 'eq', value: 'Closed Won' },
          },
        },
      ],
    ]);
    expect(run.answer).toBe(
      `${OFFLINE_PREFIX}There are 59 records in Deals where Stage is "Closed Won".`,
    );
  });

  it('sums a field under a named condition', () => {
    const run = runPlanner(
      'What is the total Amount of deals where Stage is Closed Won?',
      respondWith({ aggregate_records: WON_AMOUNT }),
    );

    expect(run.rounds.at(-1)).toEqual([
      {
        name: 'aggregate_records',
        args: {
          baseId: SALES_BASE_ID,
          table: 'Deals',
          field: 'Amount',
          filter: { field: 'Stage', op: 'eq', value: 'Closed Won' },
        },
      },
    ]);
    expect(run.answer).toBe(
      `${OFFLINE_PREFIX}The total Amount of Deals where Stage is "Closed Won" is 2,002,400 (59 records).`,
    );
  });

  it('shows a few records as a Markdown table', () => {
    const records = [
      {
        id: 'recAAAAAAAAAAAAAA',
        createdTime: '2026-01-01T00:00:00.000Z',
        fields: {
          Name: 'Ada Lovelace',
          Email: 'ada@example.com',
          Company: ['recCCCCCCCCCCCCCC'],
          VIP: true,
        },
      },
      {
        id: 'recBBBBBBBBBBBBBB',
        createdTime: '2026-01-02T00:00:00.000Z',
        fields: { Name: 'Alan Turing', Title: 'Engineer' },
      },
    ];
    const run = runPlanner('show 2 contacts', respondWith({ list_records: { records, count: 2 } }));

    expect(run.rounds.at(-1)).toEqual([
      { name: 'list_records', args: { baseId: SALES_BASE_ID, table: 'Contacts', pageSize: 2 } },
    ]);
    expect(run.answer).toBe(
      [
        `${OFFLINE_PREFIX}2 records from Contacts:`,
        '',
        '| Name | Email | Title | VIP |',
        '| --- | --- | --- | --- |',
        '| Ada Lovelace | ada@example.com |  | yes |',
        '| Alan Turing |  | Engineer |  |',
      ].join('\n'),
    );
  });

  it('keeps table cells short and on one line, and at most five columns', () => {
    const records = [
      {
        id: 'recAAAAAAAAAAAAAA',
        fields: {
          Name: 'Pipe | and\nnewline',
          Owner: 'x'.repeat(80),
          Company: ['recCCCCCCCCCCCCCC'],
          Tags: ['a', 'b'],
          Amount: 1_500,
          Stage: 'Lead',
          Probability: 0.5,
          Notes: 'not shown',
        },
      },
      { id: 'recBBBBBBBBBBBBBB', fields: { Amount: 10 } },
    ];
    const run = runPlanner('show 2 deals', respondWith({ list_records: { records, count: 2 } }));

    // Schema fields first, in schema order (Company holds only links, so it is left out); then
    // fields the schema does not name, here none as four columns are already taken.
    expect(run.answer).toBe(
      [
        `${OFFLINE_PREFIX}2 records from Deals:`,
        '',
        '| Name | Amount | Stage | Probability | Owner |',
        '| --- | --- | --- | --- | --- |',
        `| Pipe \\| and newline | 1,500 | Lead | 0.5 | ${'x'.repeat(60)}… |`,
        '| recBBBBBBBBBBBBBB | 10 |  |  |  |',
      ].join('\n'),
    );
  });

  it('searches a table for a term', () => {
    const records = [
      { id: 'recAAAAAAAAAAAAAA', fields: { Name: 'Atlas Corp — Renewal', Amount: 12_000 } },
    ];
    const run = runPlanner(
      'search deals for Atlas',
      respondWith({ search_records: { records, count: 1 } }),
    );

    expect(run.rounds.at(-1)).toEqual([
      {
        name: 'search_records',
        args: { baseId: SALES_BASE_ID, table: 'Deals', term: 'Atlas', pageSize: 10 },
      },
    ]);
    expect(run.answer).toContain(
      '1 record in Deals contains "Atlas":\n\n| Name | Amount |\n| --- | --- |\n| Atlas Corp — Renewal | 12,000 |',
    );
  });

  it('answers an unknown question with what it can do, calling nothing', () => {
    const step = planOfflineStep({
      contents: [{ role: 'user', parts: [{ text: 'Write me a poem about spreadsheets' }] }],
      tools: toolDeclarations(),
    });

    expect(step.kind).toBe('answer');
    if (step.kind !== 'answer') return;
    expect(step.text.startsWith(OFFLINE_PREFIX)).toBe(true);
    expect(step.text).toContain('"list the bases"');
    expect(step.text).toContain('"how many deals are won"');
  });
});

describe('offline planner: what it will not guess', () => {
  it('asks which value is meant when a word matches several choices', () => {
    const run = runPlanner('how many deals are closed', respondWith({}));

    expect(run.answer).toContain('"closed" could mean Stage "Closed Won", Stage "Closed Lost"');
    expect(run.rounds.flat().some((call) => call.name === 'aggregate_records')).toBe(false);
  });

  it('uses only the tools the workspace offers', () => {
    const tools = toolDeclarations('list_bases', 'get_base_schema');

    const run = runPlanner('how many deals are won', respondWith({}), tools);

    expect(run.answer).toContain('needs the aggregate_records tool');
    expect(run.rounds.flat().map((call) => call.name)).not.toContain('aggregate_records');
  });

  it('says a tool failed instead of answering from nothing', () => {
    const contents: LlmContent[] = [
      { role: 'user', parts: [{ text: 'list the bases' }] },
      { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'list_bases', args: {} } }] },
      {
        role: 'user',
        parts: [
          {
            functionResponse: {
              id: 'c1',
              name: 'list_bases',
              response: { error: 'Airtable is not answering: try again in a minute.' },
            },
          },
        ],
      },
    ];

    const step = planOfflineStep({ contents, tools: toolDeclarations() });

    expect(step).toEqual({
      kind: 'answer',
      text: `${OFFLINE_PREFIX}The list_bases tool failed: Airtable is not answering: try again in a minute.`,
    });
  });

  it('reads results however they are wrapped, including an MCP text block', () => {
    const text = `2 base(s) available.\n${JSON.stringify(BASES)}`;
    const contents: LlmContent[] = [
      { role: 'user', parts: [{ text: 'which bases can I use?' }] },
      { role: 'model', parts: [{ functionCall: { name: 'list_bases', args: {} } }] },
      {
        role: 'user',
        parts: [
          {
            functionResponse: {
              name: 'list_bases',
              response: { output: { content: [{ type: 'text', text }] } },
            },
          },
        ],
      },
    ];

    const step = planOfflineStep({ contents, tools: toolDeclarations() });

    expect(step).toEqual({
      kind: 'answer',
      text: `${OFFLINE_PREFIX}You can use 2 bases:\n- Sales CRM (${SALES_BASE_ID})\n- Project tracker (${PROJECTS_BASE_ID})`,
    });
  });

  it('plans from the latest question, not an earlier one', () => {
    const contents: LlmContent[] = [
      { role: 'user', parts: [{ text: 'list the bases' }] },
      { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'list_bases', args: {} } }] },
      {
        role: 'user',
        parts: [
          { functionResponse: { id: 'c1', name: 'list_bases', response: { result: BASES } } },
        ],
      },
      { role: 'model', parts: [{ text: 'You can use 2 bases.' }] },
      { role: 'user', parts: [{ text: 'how many tasks are blocked?' }] },
    ];

    const step = planOfflineStep({ contents, tools: toolDeclarations() });

    expect(step).toEqual({ kind: 'calls', calls: [{ name: 'list_bases', args: {} }] });
  });

  it('counts with a condition in adjective form and a numeric comparison', () => {
    const run = runPlanner(
      'how many won deals with Amount over 50,000',
      respondWith({ aggregate_records: { total: { count: 12 } } }),
    );

    expect(run.rounds.at(-1)?.[0]?.args['filter']).toEqual({
      and: [
        { field: 'Stage', op: 'eq', value: 'Closed Won' },
        { field: 'Amount', op: 'gt', value: 50_000 },
      ],
    });
    expect(run.answer).toContain(
      'There are 12 records in Deals where Stage is "Closed Won" and Amount > 50,000.',
    );
  });

  it('names the tables when the one asked for does not exist', () => {
    const run = runPlanner('how many invoices are paid', respondWith({}));

    expect(run.answer).toContain('I could not find a table called "invoices"');
    expect(run.answer).toContain(SALES_SCHEMA.tables.map((table) => table.name).join(', '));
  });
});
