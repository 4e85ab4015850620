/**
 * Refusals through airtable.js, the access layer and plain HTTP: each must carry Airtable's
 * status and error type. airtable.js replaces the type for some statuses by design (see
 * `replacedErrorTypes`); the plain-HTTP block pins what the emulator itself sends.
 */
import {
  DEMO_ACCESS_TOKEN,
  DEMO_PROJECTS_BASE_ID,
  DEMO_SALES_BASE_ID,
  SCOPES,
  demoAccessToken,
} from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_KINDS } from './support/client-kinds.ts';
import { expectedFailure, failureOf, listAll } from './support/conformance-client.ts';
import type { ClientConnection, ConformanceClient } from './support/conformance-client.ts';
import { startListeningEmulator } from './support/listening-emulator.ts';
import type { ListeningEmulator } from './support/listening-emulator.ts';
import { rawRequest } from './support/raw-request.ts';

/** A token with every scope on the Project tracker base only. */
const PROJECTS_ONLY_TOKEN = 'patConformanceProj.projects-only-secret';
const WRONG_TOKEN = 'patConformanceNone.not-a-token-the-emulator-knows';
/** Well-formed, but no record has it. */
const MISSING_RECORD_ID = 'recZZZZZZZZZZZZZZ';

let emulator: ListeningEmulator;
beforeAll(async () => {
  emulator = await startListeningEmulator({
    tokens: [
      demoAccessToken(),
      {
        token: PROJECTS_ONLY_TOKEN,
        user: { id: 'usrConformance001', email: 'projects@example.com', name: 'Projects Only' },
        scopes: [...SCOPES],
        bases: [DEMO_PROJECTS_BASE_ID],
      },
    ],
  });
});
afterAll(() => emulator.close());

describe.each(CLIENT_KINDS)('errors through $name', (kind) => {
  const clients: ConformanceClient[] = [];
  const connect = (overrides: Partial<ClientConnection> = {}) => {
    const client = kind.connect({
      endpointUrl: emulator.endpointUrl,
      token: DEMO_ACCESS_TOKEN,
      baseId: DEMO_SALES_BASE_ID,
      ...overrides,
    });
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
  });

  it('refuses a write to an unknown field with 422 UNKNOWN_FIELD_NAME', async () => {
    const failure = await failureOf(
      kind,
      connect().createRecords('Deals', [{ Name: 'Unknown field', 'No Such Field': 1 }]),
    );
    expect(failure).toEqual(expectedFailure(kind, 422, 'UNKNOWN_FIELD_NAME'));
  });

  it('refuses an unknown field in `fields` with 422 UNKNOWN_FIELD_NAME', async () => {
    const failure = await failureOf(
      kind,
      connect().listPages('Deals', { fields: ['No Such Field'] }),
    );
    expect(failure).toEqual(expectedFailure(kind, 422, 'UNKNOWN_FIELD_NAME'));
  });

  it('refuses a formula that does not parse with 422 INVALID_FILTER_BY_FORMULA', async () => {
    const failure = await failureOf(
      kind,
      connect().listPages('Deals', { filterByFormula: "AND({Amount} > 1, {Stage} = 'Lead'" }),
    );
    expect(failure).toEqual(expectedFailure(kind, 422, 'INVALID_FILTER_BY_FORMULA'));
  });

  it('refuses a formula naming an unknown field with 422 INVALID_FILTER_BY_FORMULA', async () => {
    const failure = await failureOf(
      kind,
      connect().listPages('Deals', { filterByFormula: '{No Such Field} > 1' }),
    );
    expect(failure).toEqual(expectedFailure(kind, 422, 'INVALID_FILTER_BY_FORMULA'));
  });

  it('refuses a token Airtable does not know with 401 AUTHENTICATION_REQUIRED', async () => {
    const failure = await failureOf(kind, connect({ token: WRONG_TOKEN }).listPages('Deals'));
    expect(failure).toEqual(expectedFailure(kind, 401, 'AUTHENTICATION_REQUIRED'));
  });

  it('refuses a base the token was not granted with 403, and serves the one it was', async () => {
    const sales = connect({ token: PROJECTS_ONLY_TOKEN });
    const failure = await failureOf(kind, sales.listPages('Deals'));
    expect(failure).toEqual(expectedFailure(kind, 403, 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND'));
    const projects = connect({ token: PROJECTS_ONLY_TOKEN, baseId: DEMO_PROJECTS_BASE_ID });
    expect((await listAll(projects, 'Projects')).length).toBeGreaterThan(0);
  });

  it('answers 404 for a record that does not exist', async () => {
    const failure = await failureOf(kind, connect().getRecord('Deals', MISSING_RECORD_ID));
    expect(failure).toEqual(expectedFailure(kind, 404, 'MODEL_ID_NOT_FOUND'));
  });
});

describe('errors the emulator sends (plain HTTP)', () => {
  const deals = `${DEMO_SALES_BASE_ID}/Deals`;

  it.each([
    {
      what: 'unknown field written',
      path: deals,
      method: 'POST',
      body: { records: [{ fields: { Nope: 1 } }] },
      status: 422,
      type: 'UNKNOWN_FIELD_NAME',
    },
    {
      what: 'unknown field listed',
      path: `${deals}?fields%5B%5D=Nope`,
      status: 422,
      type: 'UNKNOWN_FIELD_NAME',
    },
    {
      what: 'invalid formula',
      path: `${deals}?filterByFormula=${encodeURIComponent('AND(')}`,
      status: 422,
      type: 'INVALID_FILTER_BY_FORMULA',
    },
    {
      what: 'missing record',
      path: `${deals}/${MISSING_RECORD_ID}`,
      status: 404,
      type: 'MODEL_ID_NOT_FOUND',
    },
    {
      what: 'unknown token',
      path: deals,
      token: WRONG_TOKEN,
      status: 401,
      type: 'AUTHENTICATION_REQUIRED',
    },
    {
      what: 'base not granted',
      path: deals,
      token: PROJECTS_ONLY_TOKEN,
      status: 403,
      type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
    },
  ])('$what: $status $type', async ({ path, status, type, ...options }) => {
    const answer = await rawRequest(emulator.endpointUrl, path, options);
    expect({ status: answer.status, type: answer.errorType }).toEqual({ status, type });
  });
});
