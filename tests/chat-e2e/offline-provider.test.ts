import { describe, expect, it } from 'vitest';
import { chatClient } from './chat-client.ts';
import type { StoredMessage } from './chat-client.ts';
import { useChatPlatform } from './chat-platform.ts';
import { DEMO_SALES_BASE_ID } from '../support/seeded-registry.ts';

// An empty key counts as unset and no LLM_BASE_URL is given, so chat picks the offline planner.
const running = useChatPlatform({ chatEnvironment: { GEMINI_API_KEY: '' } });

/** How every offline answer starts, so nobody mistakes it for a model's. */
const OFFLINE_LABEL = '(Offline planner, no language model) ';

interface DealRecord {
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Every Deals record, read page by page through mcp's REST API, independently of chat. */
async function allDeals(): Promise<DealRecord[]> {
  const { mcpUrl, seeded } = running.platform;
  const records: DealRecord[] = [];
  let offset: string | undefined;
  do {
    const url = new URL(
      `${mcpUrl}/api/v1/airtable/bases/${DEMO_SALES_BASE_ID}/tables/Deals/records`,
    );
    url.searchParams.set('pageSize', '100');
    if (offset !== undefined) url.searchParams.set('offset', offset);
    const response = await fetch(url, { headers: { 'x-api-key': seeded.apiKey } });
    if (response.status !== 200)
      throw new Error(`records: ${String(response.status)} ${await response.text()}`);
    const page = (await response.json()) as { records: DealRecord[]; offset?: string };
    records.push(...page.records);
    offset = page.offset;
  } while (offset !== undefined);
  return records;
}

/** Asks in a new session and returns the answer as stored, with its tool calls. */
async function ask(question: string): Promise<StoredMessage & { provider: string }> {
  const client = chatClient(running.platform, running.platform.seeded.users.owner);
  const session = await client.createSession();
  const response = await client.ask(session, question);
  if (response.status !== 200)
    throw new Error(`ask: ${String(response.status)} ${await response.text()}`);
  const answer = (await client.messages(session)).at(-1);
  if (answer?.role !== 'assistant') throw new Error('no answer stored');
  return answer as StoredMessage & { provider: string };
}

function toolNames(answer: StoredMessage): string[] {
  return answer.toolCalls.map((call) => call.name);
}

describe('chat without a language model (offline planner)', () => {
  it('lists the tables of the Sales CRM base', async () => {
    const answer = await ask('list the tables');

    expect(answer).toMatchObject({ status: 'complete', provider: 'offline' });
    expect(answer.content.startsWith(OFFLINE_LABEL)).toBe(true);
    const listed = answer.content
      .split('\n')
      .filter((line) => line.startsWith('- '))
      .map((line) => line.slice(2));
    expect(listed).toEqual(['Companies', 'Contacts', 'Deals']);
    expect(toolNames(answer)).toEqual(['list_bases', 'get_base_schema']);
    expect(answer.toolCalls.every((call) => call.outcome === 'ok')).toBe(true);
  });

  it('counts the won deals exactly, as a full read of the table does', async () => {
    const deals = await allDeals();
    const won = deals.filter((deal) => deal.fields['Stage'] === 'Closed Won').length;
    expect(deals.length).toBeGreaterThan(100); // more than one page was read
    expect(won).toBeGreaterThan(0);

    const answer = await ask('how many deals are won');

    expect(answer.status).toBe('complete');
    expect(answer.content.startsWith(OFFLINE_LABEL)).toBe(true);
    expect(answer.content).toContain(`There are ${String(won)} records in Deals`);
    expect(answer.content).toContain('Closed Won');
    expect(toolNames(answer)).toEqual(['list_bases', 'get_base_schema', 'aggregate_records']);
    expect(answer.toolCalls.every((call) => call.outcome === 'ok')).toBe(true);
    expect(answer.toolCalls.at(-1)?.arguments).toMatchObject({
      baseId: DEMO_SALES_BASE_ID,
      table: 'Deals',
      filter: { field: 'Stage', value: 'Closed Won' },
    });
  });

  it('shows three deals by name', async () => {
    const names = (await allDeals()).map((deal) => String(deal.fields['Name']));

    const answer = await ask('show 3 deals');

    expect(answer.status).toBe('complete');
    expect(answer.content.startsWith(`${OFFLINE_LABEL}3 records from Deals:`)).toBe(true);
    // A Markdown table: a header row with Name first, a --- row, then a row per deal.
    const rows = answer.content.split('\n').filter((line) => line.startsWith('| '));
    expect(rows[0]?.startsWith('| Name | ')).toBe(true);
    expect(rows[1]).toMatch(/^\|( --- \|)+$/);
    const shown = rows
      .slice(2)
      .map((row) => names.find((name) => row.startsWith(`| ${name.replaceAll('|', '\\|')} | `)));
    expect(shown).toHaveLength(3);
    expect(shown.every((name) => name !== undefined)).toBe(true);
    expect(new Set(shown).size).toBe(3);
    expect(toolNames(answer)).toEqual(['list_bases', 'get_base_schema', 'list_records']);
    expect(answer.toolCalls.every((call) => call.outcome === 'ok')).toBe(true);
    expect(answer.toolCalls.at(-1)?.arguments).toMatchObject({ table: 'Deals', pageSize: 3 });
  });
});
