import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_SALES_BASE_ID, useMcpProcess } from './running-mcp.ts';

const mcp = useMcpProcess();
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('trace context through mcp', () => {
  it('carries the caller’s trace id into the Airtable requests a tool call makes', async () => {
    const response = await fetch(`${mcp.running.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'x-api-key': mcp.running.apiKey,
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        // A query nobody made before, so the answer cannot come from a cache another test
        // filled (CI's Redis is shared by every test process).
        params: {
          name: 'list_records',
          arguments: {
            baseId: DEMO_SALES_BASE_ID,
            table: 'Deals',
            pageSize: 1,
            filterByFormula: `RECORD_ID() != '${randomUUID()}'`,
          },
        },
      }),
    });
    expect(response.status).toBe(200);
    const traced = mcp.running.airtable.requests.filter((request) =>
      String(request.headers.traceparent).includes(traceId),
    );
    expect(traced.length).toBeGreaterThan(0);
    expect(traced.some((request) => request.path.includes(`/v0/${DEMO_SALES_BASE_ID}/`))).toBe(
      true,
    );
  });
});
