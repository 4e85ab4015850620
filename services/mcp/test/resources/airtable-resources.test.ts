import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import {
  DEMO_DEALS_TABLE_ID,
  DEMO_PROJECTS_BASE_ID,
  DEMO_SALES_BASE_ID,
} from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAirtableResources } from '../../src/index.ts';
import { startAirtable } from '../support/mcp-harness.ts';
import type { Airtable } from '../support/mcp-harness.ts';

interface TableJson {
  id: string;
  name: string;
  fields: { name: string; type: string }[];
  views: { name: string }[];
}

const BASE_TEMPLATE = 'airtable://{baseId}/schema';
const TABLE_TEMPLATE = 'airtable://{baseId}/tables/{tableId}/schema';

// The shared harness registers tools only; resources get their own server here.
async function connectResources(
  airtable: Airtable,
  allowedBaseIds: readonly string[],
): Promise<{ client: Client; close: () => Promise<void> }> {
  const server = new McpServer({ name: 'pyairtable-mcp-test', version: '0.0.0' });
  registerAirtableResources(server, {
    tenantId: 'tenant-1',
    workspaceId: 'workspace-1',
    role: 'viewer',
    allowedBaseIds,
    airtable: airtable.access,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test-client', version: '0.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

async function readJson<T>(client: Client, uri: string): Promise<T> {
  const { contents } = await client.readResource({ uri });
  const first = contents[0];
  expect(first?.mimeType).toBe('application/json');
  if (first === undefined || !('text' in first)) throw new Error(`no text content for ${uri}`);
  return JSON.parse(first.text) as T;
}

async function readFailure(client: Client, uri: string): Promise<McpError> {
  const error: unknown = await client.readResource({ uri }).then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof McpError)) throw new Error(`reading ${uri} did not fail with McpError`);
  return error;
}

describe('Airtable resources', () => {
  let airtable: Airtable;
  let session: Awaited<ReturnType<typeof connectResources>>;
  const client = (): Client => session.client;

  beforeAll(async () => {
    airtable = await startAirtable();
    session = await connectResources(airtable, [DEMO_SALES_BASE_ID]);
  });
  afterAll(async () => {
    await session.close();
    await airtable.close();
  });

  it('offers both templates', async () => {
    const { resourceTemplates } = await client().listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual([
      BASE_TEMPLATE,
      TABLE_TEMPLATE,
    ]);
    expect(resourceTemplates.every((template) => template.mimeType === 'application/json')).toBe(
      true,
    );
  });

  it('lists the allowed base and its tables by name, and nothing of the other base', async () => {
    const { resources } = await client().listResources();
    const uris = resources.map((resource) => resource.uri);
    expect(uris).toContain(`airtable://${DEMO_SALES_BASE_ID}/schema`);
    expect(uris).toContain(`airtable://${DEMO_SALES_BASE_ID}/tables/${DEMO_DEALS_TABLE_ID}/schema`);
    expect(uris.filter((uri) => uri.includes(DEMO_PROJECTS_BASE_ID))).toEqual([]);
    expect(resources.map((resource) => resource.name)).toEqual([
      'Sales CRM',
      'Sales CRM / Companies',
      'Sales CRM / Contacts',
      'Sales CRM / Deals',
    ]);
    expect(resources.every((resource) => (resource.description ?? '') !== '')).toBe(true);
  });

  it('reads a base schema with its tables in full', async () => {
    const schema = await readJson<{ baseId: string; tables: TableJson[] }>(
      client(),
      `airtable://${DEMO_SALES_BASE_ID}/schema`,
    );
    expect(schema.baseId).toBe(DEMO_SALES_BASE_ID);
    const deals = schema.tables.find((table) => table.name === 'Deals');
    expect(deals?.fields.find((field) => field.name === 'Amount')?.type).toBe('currency');
    expect(deals?.views.length).toBeGreaterThan(0);
  });

  it('reads one table by id and by name, names ignoring case', async () => {
    const byId = await readJson<TableJson>(
      client(),
      `airtable://${DEMO_SALES_BASE_ID}/tables/${DEMO_DEALS_TABLE_ID}/schema`,
    );
    const byName = await readJson<TableJson>(
      client(),
      `airtable://${DEMO_SALES_BASE_ID}/tables/deals/schema`,
    );
    expect(byId.name).toBe('Deals');
    expect(byName.id).toBe(DEMO_DEALS_TABLE_ID);
    expect(byId.fields.map((field) => field.name)).toContain('Amount');
  });

  it('refuses a base outside the workspace, naming the allowed ones', async () => {
    for (const uri of [
      `airtable://${DEMO_PROJECTS_BASE_ID}/schema`,
      `airtable://${DEMO_PROJECTS_BASE_ID}/tables/Projects/schema`,
    ]) {
      const error = await readFailure(client(), uri);
      expect(error.code).toBe(ErrorCode.InvalidParams);
      expect(error.message).toContain(`Allowed bases: ${DEMO_SALES_BASE_ID}`);
    }
  });

  it('refuses an unknown table, naming the valid ones', async () => {
    const error = await readFailure(
      client(),
      `airtable://${DEMO_SALES_BASE_ID}/tables/Invoices%20Q3/schema`,
    );
    expect(error.code).toBe(ErrorCode.InvalidParams);
    expect(error.message).toContain('no table "Invoices Q3"');
    expect(error.message).toContain(`"Deals" (${DEMO_DEALS_TABLE_ID})`);
  });

  it('completes base ids from the allowed bases only', async () => {
    for (const uri of [BASE_TEMPLATE, TABLE_TEMPLATE]) {
      const { completion } = await client().complete({
        ref: { type: 'ref/resource', uri },
        argument: { name: 'baseId', value: 'app' },
      });
      expect(completion.values).toEqual([DEMO_SALES_BASE_ID]);
    }
  });

  it('completes table ids and names once the base is chosen', async () => {
    const complete = async (baseId: string) =>
      client().complete({
        ref: { type: 'ref/resource', uri: TABLE_TEMPLATE },
        argument: { name: 'tableId', value: 'de' },
        context: { arguments: { baseId } },
      });
    expect((await complete(DEMO_SALES_BASE_ID)).completion.values).toEqual(['Deals']);
    expect((await complete(DEMO_PROJECTS_BASE_ID)).completion.values).toEqual([]);
  });
});
