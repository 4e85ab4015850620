import { afterEach, describe, expect, it } from 'vitest';
import { AIRTABLE_RATE_LIMITS, createManualClock, demoAccessToken } from '../../src/index.ts';
import type { AccessToken } from '../../src/index.ts';
import { BASE_ID, DEALS_ID, testBase, testId } from '../support/test-base.ts';
import { errorType, startEmulator } from '../support/test-emulator.ts';
import type { TestEmulator } from '../support/test-emulator.ts';

const OTHER_BASE_ID = testId('app', 'OtherBase');
const deals = `/v0/${BASE_ID}/${DEALS_ID}`;

function otherBase() {
  return { ...testBase(), id: OTHER_BASE_ID, name: 'Other base' };
}

const readOnly: AccessToken = {
  token: 'patReadOnlyToken0.secret',
  user: { id: 'usrReadOnly000001', email: 'reader@example.com', name: 'Reader' },
  scopes: ['data.records:read'],
  bases: [BASE_ID],
};

describe('authentication and permissions', () => {
  let emulator: TestEmulator;
  afterEach(() => emulator.close());

  const start = async () => {
    emulator = await startEmulator({
      bases: [testBase(), otherBase()],
      tokens: [demoAccessToken(), readOnly],
    });
  };

  it('answers 401 AUTHENTICATION_REQUIRED without a token or with an unknown one', async () => {
    await start();
    const missing = await emulator.request(deals, { token: null });
    const unknown = await emulator.request(deals, { token: 'patNope.nope' });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' },
    });
    expect([unknown.status, errorType(unknown)]).toEqual([401, 'AUTHENTICATION_REQUIRED']);
  });

  it('answers 403 for a base the token was not granted, and the same for one that does not exist', async () => {
    await start();
    const notGranted = await emulator.request(`/v0/${OTHER_BASE_ID}/${DEALS_ID}`, {
      token: readOnly.token,
    });
    const missing = await emulator.request(`/v0/${testId('app', 'Missing')}/${DEALS_ID}`);
    expect([notGranted.status, errorType(notGranted)]).toEqual([
      403,
      'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
    ]);
    expect(missing.body).toEqual(notGranted.body);
  });

  it('answers 403 for a scope the token lacks and for a table that does not exist', async () => {
    await start();
    const write = await emulator.request(deals, {
      method: 'POST',
      body: { fields: { Name: 'x' } },
      token: readOnly.token,
    });
    const schema = await emulator.request(`/v0/meta/bases/${BASE_ID}/tables`, {
      token: readOnly.token,
    });
    const table = await emulator.request(`/v0/${BASE_ID}/Nope`);
    expect([write.status, schema.status, table.status]).toEqual([403, 403, 403]);
  });

  it('lists only granted bases', async () => {
    emulator = await startEmulator({
      bases: [testBase(), otherBase()],
      tokens: [{ ...readOnly, scopes: ['schema.bases:read'] }],
    });
    const answer = await emulator.request('/v0/meta/bases', { token: readOnly.token });
    expect(answer.body).toEqual({
      bases: [{ id: BASE_ID, name: 'Test base', permissionLevel: 'create' }],
    });
  });

  it('answers a malformed base id with the bare 404', async () => {
    await start();
    const answer = await emulator.request(`/v0/appShort/${DEALS_ID}`);
    expect([answer.status, answer.body]).toEqual([404, { error: 'NOT_FOUND' }]);
  });
});

describe('rate limits', () => {
  let emulator: TestEmulator;
  afterEach(() => emulator.close());

  it('refuses the 6th request to a base within a second, then the base for 30 s', async () => {
    const clock = createManualClock();
    emulator = await startEmulator({
      bases: [testBase(), otherBase()],
      clock,
      rateLimits: AIRTABLE_RATE_LIMITS,
    });
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1)
      statuses.push((await emulator.request(deals)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await emulator.request(deals);
    expect(limited.body).toEqual({
      error: { type: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' },
    });

    const otherBaseAnswer = await emulator.request(`/v0/${OTHER_BASE_ID}/${DEALS_ID}`);
    expect(otherBaseAnswer.status).toBe(200);

    clock.advance(29_000);
    expect((await emulator.request(deals)).status).toBe(429);
    clock.advance(1_001);
    expect((await emulator.request(deals)).status).toBe(200);
  });

  it('limits a token to 50 requests per second across bases', async () => {
    const clock = createManualClock();
    emulator = await startEmulator({
      bases: [testBase()],
      clock,
      rateLimits: { ...AIRTABLE_RATE_LIMITS, perBasePerSecond: 1_000 },
    });
    let lastStatus = 0;
    for (let index = 0; index < 51; index += 1)
      lastStatus = (await emulator.request('/v0/meta/whoami')).status;
    expect(lastStatus).toBe(429);
    clock.advance(30_001);
    expect((await emulator.request('/v0/meta/whoami')).status).toBe(200);
  });

  it('lets a second pass after the window slides', async () => {
    const clock = createManualClock();
    emulator = await startEmulator({
      bases: [testBase()],
      clock,
      rateLimits: AIRTABLE_RATE_LIMITS,
    });
    for (let round = 0; round < 3; round += 1) {
      for (let index = 0; index < 5; index += 1)
        expect((await emulator.request(deals)).status).toBe(200);
      clock.advance(1_000);
    }
  });
});
