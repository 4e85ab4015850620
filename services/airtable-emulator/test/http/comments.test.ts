import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, DEMO_USER, demoAccessToken } from '../../src/index.ts';
import { BASE_ID, DEALS_ID, REC, testBase } from '../support/test-base.ts';
import { errorType, json, startEmulator } from '../support/test-emulator.ts';
import type { Json, TestEmulator } from '../support/test-emulator.ts';

const comments = `/v0/${BASE_ID}/${DEALS_ID}/${REC.deal1}/comments`;
const OTHER_TOKEN = 'patOtherUserToken.secret';

describe('record comments', () => {
  let emulator: TestEmulator;
  beforeEach(async () => {
    const clock = createManualClock(Date.parse('2026-05-01T12:00:00.000Z'));
    emulator = await startEmulator({
      bases: [testBase()],
      clock,
      tokens: [
        demoAccessToken(),
        {
          token: OTHER_TOKEN,
          user: { id: 'usrOtherUser00001', email: 'other@example.com', name: 'Other' },
          scopes: ['data.recordComments:read', 'data.recordComments:write'],
          bases: '*',
        },
      ],
    });
  });
  afterEach(() => emulator.close());

  it('creates a comment authored by the token user', async () => {
    const answer = await emulator.request(comments, {
      method: 'POST',
      body: { text: 'Call Monday' },
    });
    expect(json(answer)).toMatchObject({
      author: { id: DEMO_USER.id, email: DEMO_USER.email, name: DEMO_USER.name },
      text: 'Call Monday',
      createdTime: '2026-05-01T12:00:00.000Z',
      lastUpdatedTime: null,
    });
    expect(json(answer)['id']).toMatch(/^com[A-Za-z0-9]{14}$/);
  });

  it('lists comments newest first, in pages', async () => {
    for (const text of ['first', 'second', 'third']) {
      await emulator.request(comments, { method: 'POST', body: { text } });
    }
    const page = await emulator.request(`${comments}?pageSize=2`);
    const texts = (json(page)['comments'] as Json[]).map((comment) => comment['text']);
    expect(texts).toEqual(['third', 'second']);
    const rest = await emulator.request(
      `${comments}?pageSize=2&offset=${String(json(page)['offset'])}`,
    );
    expect((json(rest)['comments'] as Json[]).map((comment) => comment['text'])).toEqual(['first']);
    expect(json(rest)['offset']).toBeNull();
  });

  it("lets only a comment's author edit or delete it", async () => {
    const created = json(
      await emulator.request(comments, { method: 'POST', body: { text: 'mine' } }),
    );
    const url = `${comments}/${String(created['id'])}`;
    const foreign = await emulator.request(url, {
      method: 'PATCH',
      body: { text: 'x' },
      token: OTHER_TOKEN,
    });
    expect([foreign.status, errorType(foreign)]).toEqual([403, 'INVALID_PERMISSIONS']);
    const edited = await emulator.request(url, { method: 'PATCH', body: { text: 'edited' } });
    expect(json(edited)['text']).toBe('edited');
    const deleted = await emulator.request(url, { method: 'DELETE' });
    expect(deleted.body).toEqual({ id: created['id'], deleted: true });
  });

  it('answers 404 for the comments of a record that does not exist', async () => {
    const answer = await emulator.request(`/v0/${BASE_ID}/${DEALS_ID}/recZZZZZZZZZZZZZZ/comments`);
    expect([answer.status, errorType(answer)]).toEqual([404, 'MODEL_ID_NOT_FOUND']);
  });

  it('refuses an empty comment', async () => {
    const answer = await emulator.request(comments, { method: 'POST', body: { text: '' } });
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_REQUEST_UNKNOWN']);
  });
});
