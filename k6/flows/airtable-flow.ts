/**
 * The Airtable REST API through the gateway (`/api/airtable`, served by mcp) with a workspace
 * API key, read-heavy as integrations are: every iteration lists a page of one table and
 * reads one of its records (both mostly from mcp's cache); one iteration in four also writes:
 * creates two records in another table, changes them and deletes them again, so the data
 * ends as it began. Writes go to a table nothing else reads, so they never empty the caches
 * the reads are measured on.
 */
import { check } from 'k6';
import http from 'k6/http';
import { apiKeyHeaders, withJsonBody } from '../lib/gateway-auth.ts';
import { arrayField, jsonBody, stringField } from '../lib/json-body.ts';
import { requireApiKey } from '../lib/run-config.ts';
import { config, credentials } from '../lib/run-context.ts';
import type { AirtableTarget, RunData } from '../lib/run-setup.ts';
import type { WorkloadDefinition } from '../lib/script-options.ts';
import { thinkTime } from '../lib/think-time.ts';

export const airtableWorkload: WorkloadDefinition = {
  scenario: 'airtable',
  exec: 'airtableFlow',
  vus: 4,
  needsAirtable: true,
  endpoints: {
    airtable_list: { p95: 400, p99: 800 },
    airtable_get: { p95: 400, p99: 800 },
    airtable_create: { p95: 1500, p99: 3000 },
    airtable_update: { p95: 1500, p99: 3000 },
    airtable_delete: { p95: 1500, p99: 3000 },
  },
};

const WRITE_SHARE = 0.25;

function tableUrl(target: AirtableTarget, table: string): string {
  return `${config.baseUrl}/api/airtable/bases/${target.baseId}/tables/${table}/records`;
}

function ids(body: unknown): string[] {
  return arrayField(body, 'records').flatMap((record) => stringField(record, 'id') ?? []);
}

function readRecords(target: AirtableTarget, headers: Record<string, string>): void {
  const listed = http.get(`${tableUrl(target, target.readTable)}?pageSize=20`, {
    headers,
    tags: { endpoint: 'airtable_list' },
  });
  const listedIds = ids(jsonBody(listed));
  check(listed, {
    'airtable list: 200 with records': (r) => r.status === 200 && listedIds.length > 0,
  });
  const id = listedIds[Math.floor(Math.random() * listedIds.length)];
  if (id === undefined) return;
  thinkTime(0.2, 0.5);
  const record = http.get(`${tableUrl(target, target.readTable)}/${id}`, {
    headers,
    tags: { endpoint: 'airtable_get' },
  });
  check(record, {
    'airtable get: 200, the record asked for': (r) =>
      r.status === 200 && stringField(jsonBody(r), 'id') === id,
  });
}

function writeRecords(target: AirtableTarget, headers: Record<string, string>): void {
  const url = tableUrl(target, target.writeTable);
  const name = `k6 load ${String(__VU)}-${String(__ITER)}`;
  const created = http.post(
    url,
    JSON.stringify({
      records: [
        { fields: { [target.writeField]: `${name} a` } },
        { fields: { [target.writeField]: `${name} b` } },
      ],
    }),
    { headers: withJsonBody(headers), tags: { endpoint: 'airtable_create' } },
  );
  const createdIds = ids(jsonBody(created));
  check(created, {
    'airtable create: 200 with two ids': (r) => r.status === 200 && createdIds.length === 2,
  });
  if (createdIds.length === 0) return;
  const updated = http.patch(
    url,
    JSON.stringify({
      records: createdIds.map((id) => ({ id, fields: { [target.writeField]: `${name} changed` } })),
    }),
    { headers: withJsonBody(headers), tags: { endpoint: 'airtable_update' } },
  );
  check(updated, {
    'airtable update: 200 with the same ids': (r) =>
      r.status === 200 && ids(jsonBody(r)).join() === createdIds.join(),
  });
  const deleted = http.del(`${url}?${createdIds.map((id) => `records=${id}`).join('&')}`, null, {
    headers,
    tags: { endpoint: 'airtable_delete' },
  });
  check(deleted, { 'airtable delete: 200': (r) => r.status === 200 });
}

/** Reads always; writes (create, update, delete) one time in four. */
export function airtableFlow(data: RunData): void {
  const target = data.airtable;
  if (target === undefined) throw new Error('setup found no Airtable target');
  const headers = apiKeyHeaders(requireApiKey(credentials));
  readRecords(target, headers);
  if (Math.random() < WRITE_SHARE) {
    thinkTime(0.2, 0.5);
    writeRecords(target, headers);
  }
  thinkTime(0.5, 1.5);
}
