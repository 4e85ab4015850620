import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE_ID, COMPANIES_ID, DEALS_ID, REC, testBase } from '../support/test-base.ts';
import { fieldsOf, json, startEmulator } from '../support/test-emulator.ts';

describe('the data file', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'emulator-data-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('keeps records, schema changes and comments across a rebuild', async () => {
    const dataFile = path.join(directory, 'state.json');
    const first = await startEmulator({ bases: [testBase()], dataFile, saveDelayMs: 10 });
    const created = await first.request(`/v0/${BASE_ID}/${DEALS_ID}`, {
      method: 'POST',
      body: { fields: { Name: 'Persisted', Amount: 7, Company: [REC.globex] } },
    });
    const id = String(json(created)['id']);
    await first.request(`/v0/meta/bases/${BASE_ID}/tables/${DEALS_ID}/fields`, {
      method: 'POST',
      body: { name: 'Region', type: 'singleLineText' },
    });
    await first.request(`/v0/${BASE_ID}/${DEALS_ID}/${id}`, {
      method: 'PATCH',
      body: { fields: { Region: 'EMEA' } },
    });
    await first.request(`/v0/${BASE_ID}/${DEALS_ID}/${id}/comments`, {
      method: 'POST',
      body: { text: 'kept' },
    });
    await first.request(`/v0/${BASE_ID}/${DEALS_ID}/${REC.deal5}`, { method: 'DELETE' });
    await first.close();

    // Seeds are ignored once a data file exists.
    const second = await startEmulator({ bases: [], dataFile });
    const record = await second.request(`/v0/${BASE_ID}/${DEALS_ID}/${id}`);
    expect(fieldsOf(record.body)).toMatchObject({
      Name: 'Persisted',
      Region: 'EMEA',
      Double: 14,
      Number: 6,
      Industry: ['Retail'],
    });
    const globex = await second.request(`/v0/${BASE_ID}/${COMPANIES_ID}/${REC.globex}`);
    expect(fieldsOf(globex.body)).toMatchObject({ Deals: [REC.deal3, id], 'Total Amount': 4007 });
    const comments = await second.request(`/v0/${BASE_ID}/${DEALS_ID}/${id}/comments`);
    expect(json(comments)['comments']).toEqual([expect.objectContaining({ text: 'kept' })]);
    const deleted = await second.request(`/v0/${BASE_ID}/${DEALS_ID}/${REC.deal5}`);
    expect(deleted.status).toBe(404);
    await second.close();
    expect(await readdir(directory)).toEqual(['state.json']);
  });

  it('starts from the seeds when the file does not exist yet', async () => {
    const dataFile = path.join(directory, 'nested', 'state.json');
    const emulator = await startEmulator({ bases: [testBase()], dataFile });
    expect((await emulator.request(`/v0/${BASE_ID}/${DEALS_ID}/${REC.deal1}`)).status).toBe(200);
    await emulator.close();
  });
});
