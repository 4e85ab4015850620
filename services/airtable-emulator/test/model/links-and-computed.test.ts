import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/index.ts';
import type { ManualClock } from '../../src/index.ts';
import { BASE_ID, COMPANIES_ID, DEALS_ID, REC, testBase } from '../support/test-base.ts';
import { fieldsOf, json, recordsOf, startEmulator } from '../support/test-emulator.ts';
import type { TestEmulator } from '../support/test-emulator.ts';

const deals = `/v0/${BASE_ID}/${DEALS_ID}`;
const companies = `/v0/${BASE_ID}/${COMPANIES_ID}`;

describe('links and computed fields', () => {
  let emulator: TestEmulator;
  let clock: ManualClock;
  const company = async (id: string) =>
    fieldsOf((await emulator.request(`${companies}/${id}`)).body);
  const deal = async (id: string) => fieldsOf((await emulator.request(`${deals}/${id}`)).body);

  beforeEach(async () => {
    clock = createManualClock(Date.parse('2026-05-01T12:00:00.000Z'));
    emulator = await startEmulator({ bases: [testBase()], clock });
  });
  afterEach(() => emulator.close());

  it('computes rollups, counts and lookups from the seed', async () => {
    expect(await company(REC.acme)).toMatchObject({
      Deals: [REC.deal1, REC.deal2],
      'Total Amount': 1250.5,
      'Deal Count': 2,
      Stages: ['Open', 'Won'],
      Created: '2026-01-01T09:00:00.000Z',
    });
    expect(await deal(REC.deal3)).toMatchObject({
      Industry: ['Retail'],
      Double: 8000,
      Label: 'Shelves (Open)',
      Number: 3,
    });
  });

  it('linking a deal updates the company side, its rollup and count', async () => {
    await emulator.request(`${deals}/${REC.deal5}`, {
      method: 'PATCH',
      body: { fields: { Company: [REC.globex], Amount: 600 } },
    });
    expect(await company(REC.globex)).toMatchObject({
      Deals: [REC.deal3, REC.deal5],
      'Total Amount': 4600,
      'Deal Count': 2,
    });
    expect((await deal(REC.deal5))['Industry']).toEqual(['Retail']);
  });

  it('writing the company side links and unlinks the deals and recomputes both sides', async () => {
    await emulator.request(`${companies}/${REC.initech}`, {
      method: 'PATCH',
      body: { fields: { Deals: [REC.deal3] } },
    });
    // Links are many-to-many: Shelves now belongs to Globex and Initech; Printers to none.
    expect((await deal(REC.deal3))['Company']).toEqual([REC.globex, REC.initech]);
    expect((await deal(REC.deal4))['Company']).toBeUndefined();
    expect((await deal(REC.deal4))['Industry']).toBeUndefined();
    expect(await company(REC.initech)).toMatchObject({ 'Total Amount': 4000, 'Deal Count': 1 });
    expect((await deal(REC.deal3))['Industry']).toEqual(['Retail', 'Technology']);
  });

  it('a change in a linked record flows into lookups', async () => {
    await emulator.request(`${companies}/${REC.globex}`, {
      method: 'PATCH',
      body: { fields: { Industry: 'Finance' } },
    });
    expect((await deal(REC.deal3))['Industry']).toEqual(['Finance']);
  });

  it('a deleted record disappears from the links that held it', async () => {
    await emulator.request(`${deals}/${REC.deal1}`, { method: 'DELETE' });
    expect(await company(REC.acme)).toMatchObject({ Deals: [REC.deal2], 'Deal Count': 1 });
  });

  it('formulas follow their inputs', async () => {
    await emulator.request(`${deals}/${REC.deal1}`, {
      method: 'PATCH',
      body: { fields: { Amount: 21, Stage: 'Won' } },
    });
    expect(await deal(REC.deal1)).toMatchObject({ Double: 42, Label: 'Rockets (Won)' });
  });

  it('stamps created and last-modified times from the clock and numbers new records', async () => {
    clock.set(Date.parse('2026-06-01T08:00:00.000Z'));
    const created = await emulator.request(deals, {
      method: 'POST',
      body: { fields: { Name: 'New' } },
    });
    expect(json(created)['createdTime']).toBe('2026-06-01T08:00:00.000Z');
    expect(fieldsOf(created.body)).toMatchObject({
      Number: 6,
      Modified: '2026-06-01T08:00:00.000Z',
    });

    clock.advance(60_000);
    await emulator.request(`${deals}/${REC.deal2}`, {
      method: 'PATCH',
      body: { fields: { Notes: 'x' } },
    });
    expect((await deal(REC.deal2))['Modified']).toBe('2026-06-01T08:01:00.000Z');
  });

  it('lists the inverse field created for a link whose seed left it out', async () => {
    const seed = testBase();
    const [first, second] = seed.tables;
    if (first === undefined || second === undefined) throw new Error('test base changed');
    const withoutInverse = {
      ...seed,
      tables: [
        {
          ...first,
          fields: first.fields.filter(
            (field) =>
              field.name !== 'Deals' &&
              field.type !== 'rollup' &&
              field.type !== 'count' &&
              field.type !== 'multipleLookupValues',
          ),
        },
        {
          ...second,
          fields: second.fields.map((field) =>
            field.name === 'Company'
              ? { ...field, options: { linkedTableId: COMPANIES_ID } }
              : field,
          ),
        },
      ],
    };
    const other = await startEmulator({ bases: [withoutInverse] });
    const answer = await other.request(`/v0/${BASE_ID}/${COMPANIES_ID}/${REC.acme}`);
    expect(fieldsOf(answer.body)['Deals']).toEqual([REC.deal1, REC.deal2]);
    const firstPage = await other.request(`/v0/${BASE_ID}/${COMPANIES_ID}?fields[]=Deals`);
    expect(recordsOf(firstPage)).toHaveLength(3);
    await other.close();
  });
});
