/**
 * The `setup()` every script shares: a health gate (the gateway's `/readyz` must answer 200,
 * and `/api/health` must find chat and mcp ready, or the run is aborted with what is wrong),
 * then a sign-in whose tokens the VUs start with, the workspace to chat in and, for the
 * Airtable workloads, which base and tables to aim at (found through the API, not assumed).
 * Its requests carry `setup_*` endpoint tags, so they stay out of the endpoints' SLOs.
 */
import exec from 'k6/execution';
import http from 'k6/http';
import type { Response } from 'k6/http';
import { apiKeyHeaders, bearer, login } from './gateway-auth.ts';
import type { TokenPair } from './gateway-auth.ts';
import { arrayField, asObject, jsonBody, stringField } from './json-body.ts';
import { requireApiKey } from './run-config.ts';
import type { Credentials, RunConfig } from './run-config.ts';

/** Where the Airtable workloads read and write. */
export interface AirtableTarget {
  readonly baseId: string;
  readonly baseName: string;
  /** Read over and over: its first page stays cached. */
  readonly readTable: string;
  /** Searched with a different query each time: every read reaches Airtable. */
  readonly queryTable: string;
  /** Records are created, changed and deleted here only, so writes never empty the caches of the other two. */
  readonly writeTable: string;
  /** The primary field's name in each table (searched and written). */
  readonly queryField: string;
  readonly writeField: string;
}

/** What `setup()` hands every VU (it travels as JSON). */
export interface RunData {
  readonly session: TokenPair;
  readonly workspaceId: string;
  readonly airtable: AirtableTarget | undefined;
}

/** What the scripts of a run need prepared. */
export interface SetupNeeds {
  readonly airtable: boolean;
}

/** A large generated base is preferred: it is what `npm run load` adds for the Airtable workloads. */
const LARGE_BASE_NAME = /^Load test/;

function abort(message: string): never {
  exec.test.abort(message);
  // abort() ends the run; this only satisfies the type checker.
  throw new Error(message);
}

function describe(response: Response): string {
  if (response.status === 0) return `no answer (${response.error})`;
  const body = typeof response.body === 'string' ? response.body.slice(0, 300) : '';
  return `HTTP ${String(response.status)} ${body}`;
}

/** Aborts the run unless the gateway and the services behind it are ready. */
export function requireReadyPlatform(baseUrl: string): void {
  const ready = http.get(`${baseUrl}/readyz`, {
    tags: { endpoint: 'setup_readyz' },
    timeout: '10s',
  });
  if (ready.status !== 200) {
    abort(
      `health gate: the gateway at ${baseUrl} is not ready (GET /readyz: ${describe(ready)}). ` +
        'Start the platform (npm start, or npm run load which starts its own) or point BASE_URL at a running gateway.',
    );
  }
  const health = http.get(`${baseUrl}/api/health`, {
    tags: { endpoint: 'setup_health' },
    timeout: '10s',
  });
  if (health.status !== 200) {
    abort(
      `health gate: the platform behind ${baseUrl} is degraded (GET /api/health: ${describe(health)}).`,
    );
  }
}

function signIn(baseUrl: string, credentials: Credentials): TokenPair {
  const { response, pair } = login(baseUrl, credentials, 'setup_login');
  if (pair === undefined) {
    abort(
      `setup: ${credentials.login} could not sign in (POST /api/auth/login: ${describe(response)}). ` +
        'Check PYAIRTABLE_LOGIN and PYAIRTABLE_PASSWORD.',
    );
  }
  return pair;
}

function firstWorkspace(baseUrl: string, session: TokenPair): string {
  const response = http.get(`${baseUrl}/api/auth/me`, {
    headers: bearer(session.accessToken),
    tags: { endpoint: 'setup_me' },
  });
  const id = stringField(arrayField(jsonBody(response), 'workspaces')[0], 'id');
  if (id === undefined) {
    abort(`setup: the user belongs to no workspace (GET /api/auth/me: ${describe(response)}).`);
  }
  return id;
}

interface TableInfo {
  readonly id: string;
  readonly primaryField: string;
}

function tablesOf(schema: unknown): TableInfo[] {
  return arrayField(schema, 'tables').flatMap((table) => {
    const id = stringField(table, 'id');
    const primaryId = stringField(table, 'primaryFieldId');
    const primary = arrayField(table, 'fields').find(
      (field) => stringField(field, 'id') === primaryId,
    );
    const primaryField = stringField(primary, 'name');
    return id === undefined || primaryField === undefined ? [] : [{ id, primaryField }];
  });
}

/** Picks the base and tables the Airtable workloads use, through the API key's own view. */
export function discoverAirtableTarget(baseUrl: string, apiKey: string): AirtableTarget {
  const headers = apiKeyHeaders(apiKey);
  const listed = http.get(`${baseUrl}/api/airtable/bases`, {
    headers,
    tags: { endpoint: 'setup_bases' },
  });
  const bases = arrayField(jsonBody(listed), 'bases').map(asObject);
  const base =
    bases.find((candidate) => LARGE_BASE_NAME.test(stringField(candidate, 'name') ?? '')) ??
    bases[0];
  const baseId = stringField(base, 'id');
  if (baseId === undefined) {
    abort(
      `setup: the API key sees no base (GET /api/airtable/bases: ${describe(listed)}). Check PYAIRTABLE_API_KEY.`,
    );
  }
  const schema = http.get(`${baseUrl}/api/airtable/bases/${baseId}/schema?detail=identifiers`, {
    headers,
    tags: { endpoint: 'setup_schema' },
  });
  const tables = tablesOf(jsonBody(schema));
  const read = tables[0];
  const query = tables[1] ?? read;
  const write = tables.length > 2 ? tables[tables.length - 1] : read;
  if (read === undefined || query === undefined || write === undefined) {
    abort(`setup: base ${baseId} has no tables (${describe(schema)}).`);
  }
  return {
    baseId,
    baseName: stringField(base, 'name') ?? baseId,
    readTable: read.id,
    queryTable: query.id,
    writeTable: write.id,
    queryField: query.primaryField,
    writeField: write.primaryField,
  };
}

/** The shared setup: health gate, sign-in, workspace, and the Airtable target when needed. */
export function setupRun(config: RunConfig, credentials: Credentials, needs: SetupNeeds): RunData {
  requireReadyPlatform(config.baseUrl);
  const session = signIn(config.baseUrl, credentials);
  const workspaceId = credentials.workspaceId ?? firstWorkspace(config.baseUrl, session);
  const airtable = needs.airtable
    ? discoverAirtableTarget(config.baseUrl, requireApiKey(credentials))
    : undefined;
  if (airtable !== undefined) {
    console.info(`Airtable workloads use base "${airtable.baseName}" (${airtable.baseId}).`);
  }
  return { session, workspaceId, airtable };
}
