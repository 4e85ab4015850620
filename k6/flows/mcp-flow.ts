/**
 * MCP as an outside client uses it: JSON-RPC `tools/call` POSTed to the gateway's `/mcp`
 * (stateless Streamable HTTP, JSON answers) with a workspace API key. Each iteration makes
 * three cached calls and one uncached one:
 * - cached (endpoint mcp_call_cached): the same `list_records` of one table again and again,
 *   answered from mcp's read cache but for one Airtable request per cache lifetime (30 s);
 * - uncached (endpoint mcp_call_uncached): `list_records` searching another table for a
 *   random term with a random page size, a query never seen before, so every call waits its
 *   turn under Airtable's 5 requests/s per base and reaches Airtable (the emulator).
 */
import { check } from 'k6';
import http from 'k6/http';
import type { Response } from 'k6/http';
import { apiKeyHeaders, withJsonBody } from '../lib/gateway-auth.ts';
import { arrayField, asObject, jsonBody } from '../lib/json-body.ts';
import { requireApiKey } from '../lib/run-config.ts';
import { config, credentials } from '../lib/run-context.ts';
import type { AirtableTarget, RunData } from '../lib/run-setup.ts';
import type { WorkloadDefinition } from '../lib/script-options.ts';
import { thinkTime } from '../lib/think-time.ts';

export const mcpWorkload: WorkloadDefinition = {
  scenario: 'mcp',
  exec: 'mcpFlow',
  vus: 5,
  needsAirtable: true,
  endpoints: {
    mcp_call_cached: { p95: 300, p99: 600 },
    mcp_call_uncached: { p95: 1500, p99: 3000 },
  },
};

const CACHED_CALLS_PER_ITERATION = 3;

let requestId = 0;

function callTool(name: string, args: Record<string, unknown>, endpoint: string): Response {
  requestId += 1;
  return http.post(
    `${config.baseUrl}/mcp`,
    JSON.stringify({
      jsonrpc: '2.0',
      id: requestId,
      method: 'tools/call',
      params: { name, arguments: args },
    }),
    {
      headers: {
        ...withJsonBody(apiKeyHeaders(requireApiKey(credentials))),
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-06-18',
      },
      tags: { endpoint },
      timeout: '60s',
    },
  );
}

/** The records of a successful `list_records` call, or undefined for an error of any kind. */
function listedRecords(response: Response): readonly unknown[] | undefined {
  const result = asObject(asObject(jsonBody(response))?.['result']);
  if (response.status !== 200 || result === undefined || result['isError'] === true) {
    return undefined;
  }
  const structured = result['structuredContent'];
  return Array.isArray(asObject(structured)?.['records'])
    ? arrayField(structured, 'records')
    : undefined;
}

function cachedCall(target: AirtableTarget): void {
  const response = callTool(
    'list_records',
    { baseId: target.baseId, table: target.readTable, pageSize: 20 },
    'mcp_call_cached',
  );
  const records = listedRecords(response);
  check(response, {
    'mcp cached list_records: records': () => records !== undefined && records.length > 0,
  });
}

function uncachedCall(target: AirtableTarget): void {
  const term = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const response = callTool(
    'list_records',
    {
      baseId: target.baseId,
      table: target.queryTable,
      filterByFormula: `SEARCH("${term}", {${target.queryField}})`,
      pageSize: 10 + Math.floor(Math.random() * 41),
    },
    'mcp_call_uncached',
  );
  const records = listedRecords(response);
  check(response, { 'mcp uncached list_records: a page': () => records !== undefined });
}

/** Three cached calls and one uncached, with short pauses like an agent between tool calls. */
export function mcpFlow(data: RunData): void {
  const target = data.airtable;
  if (target === undefined) throw new Error('setup found no Airtable target');
  for (let call = 0; call < CACHED_CALLS_PER_ITERATION; call += 1) {
    cachedCall(target);
    thinkTime(0.2, 0.6);
  }
  uncachedCall(target);
  thinkTime(0.5, 1.5);
}
