import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { createLogger, createServiceApp } from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { ScopeResolver } from '../../src/identity/scope-resolver.ts';
import { AIRTABLE_REST_PREFIX, airtableRestRoutes, restOpenApi } from '../../src/index.ts';
import type { WorkspaceScope } from '../../src/index.ts';
import { mcpErrors } from '../../src/mcp-errors.ts';
import { startAirtable } from '../support/mcp-harness.ts';
import type { Airtable } from '../support/mcp-harness.ts';

/** The bearer token the test resolver accepts; anything else is 401. */
export const TEST_TOKEN = 'test-token';

/** The workspace of the tests allows the Sales base only (the emulator also has Projects). */
export const ALLOWED_BASE_IDS = [DEMO_SALES_BASE_ID] as const;

/** A request to the REST API: a path under its prefix, as an owner unless told otherwise. */
export interface RestCall {
  readonly method: HTTPMethods;
  readonly path: string;
  readonly body?: unknown;
  readonly role?: WorkspaceScope['role'];
  /** Leave out the bearer token. */
  readonly anonymous?: boolean;
}

/** The app and emulator a test file shares. */
export interface RestSuite {
  readonly app: ServiceApp;
  readonly airtable: Airtable;
  call(request: RestCall): Promise<LightMyRequestResponse>;
}

const ROLES = new Set(['owner', 'editor', 'viewer']);

function testResolver(airtable: Airtable): ScopeResolver {
  return (request) => {
    if (request.headers.authorization !== `Bearer ${TEST_TOKEN}`) {
      return Promise.reject(
        mcpErrors.MCP_UNAUTHENTICATED({ reason: 'A bearer token is required.' }),
      );
    }
    const role = request.headers['x-test-role'];
    return Promise.resolve({
      tenantId: 'tenant-1',
      workspaceId: 'workspace-1',
      role:
        typeof role === 'string' && ROLES.has(role) ? (role as WorkspaceScope['role']) : 'owner',
      allowedBaseIds: ALLOWED_BASE_IDS,
      airtable: airtable.access,
    });
  };
}

/**
 * Starts the emulator and the REST API (with its OpenAPI document) on a kit service app
 * before the file's tests and closes both after them. The resolver accepts TEST_TOKEN and
 * takes the role from `x-test-role`.
 */
export function useRestApp(): RestSuite {
  let started: { app: ServiceApp; airtable: Airtable } | undefined;
  beforeAll(async () => {
    const airtable = await startAirtable();
    const app = createServiceApp({ logger: createLogger({ service: 'test', level: 'silent' }) });
    await app.register(restOpenApi);
    await app.register(airtableRestRoutes, {
      prefix: AIRTABLE_REST_PREFIX,
      resolveScope: testResolver(airtable),
    });
    await app.ready();
    started = { app, airtable };
  });
  afterAll(async () => {
    await started?.app.close();
    await started?.airtable.close();
  });
  const running = () => {
    if (started === undefined) throw new Error('the REST app is used before beforeAll ran');
    return started;
  };
  return {
    get app() {
      return running().app;
    },
    get airtable() {
      return running().airtable;
    },
    call({ method, path, body, role, anonymous = false }) {
      return running().app.inject({
        method,
        url: `${AIRTABLE_REST_PREFIX}${path}`,
        headers: {
          ...(anonymous ? {} : { authorization: `Bearer ${TEST_TOKEN}` }),
          ...(role === undefined ? {} : { 'x-test-role': role }),
        },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
  };
}

/** A problem+json body, typed loosely for assertions. */
export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors?: readonly { in: string; field: string; message: string }[];
}

/** The body of a problem+json response; fails when the response is not one. */
export function problemOf(response: LightMyRequestResponse): Problem {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`not a problem+json response: ${response.statusCode} ${response.body}`);
  }
  return response.json<Problem>();
}
