import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_ID, DEALS_ID, OPEN_VIEW_ID, testBase } from '../support/test-base.ts';
import {
  errorMessage,
  errorType,
  fieldsOf,
  recordsOf,
  startEmulator,
} from '../support/test-emulator.ts';
import type { Answer, TestEmulator } from '../support/test-emulator.ts';

const deals = `/v0/${BASE_ID}/${DEALS_ID}`;
const names = (answer: Answer) => recordsOf(answer).map((record) => fieldsOf(record)['Name']);
const filter = (formula: string) => `${deals}?filterByFormula=${encodeURIComponent(formula)}`;

describe('sorting, views and filters', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ bases: [testBase()] });
  });
  afterAll(() => emulator.close());

  it('sorts by sort[i][field] and sort[i][direction], empty cells first when ascending', async () => {
    const ascending = await emulator.request(`${deals}?sort[0][field]=Amount`);
    const descending = await emulator.request(
      `${deals}?sort%5B0%5D%5Bfield%5D=Amount&sort%5B0%5D%5Bdirection%5D=desc`,
    );
    expect(names(ascending)).toEqual(['Staplers', 'Printers', 'Anvils', 'Rockets', 'Shelves']);
    expect(names(descending)).toEqual(['Shelves', 'Rockets', 'Anvils', 'Printers', 'Staplers']);
  });

  it('sorts a select by the order of its options, then by a second key', async () => {
    const answer = await emulator.request(
      `${deals}?sort[0][field]=Stage&sort[1][field]=Name&sort[1][direction]=desc`,
    );
    expect(names(answer)).toEqual(['Staplers', 'Shelves', 'Rockets', 'Anvils', 'Printers']);
  });

  it('refuses a sort on an unknown field', async () => {
    const answer = await emulator.request(`${deals}?sort[0][field]=Nope`);
    expect([answer.status, errorType(answer)]).toEqual([422, 'UNKNOWN_FIELD_NAME']);
  });

  it("applies a view's filter and sort, by name or id", async () => {
    const byName = await emulator.request(`${deals}?view=${encodeURIComponent('Open deals')}`);
    const byId = await emulator.request(`${deals}?view=${OPEN_VIEW_ID}`);
    expect(names(byName)).toEqual(['Shelves', 'Rockets', 'Staplers']);
    expect(names(byId)).toEqual(names(byName));
  });

  it("filters inside a view and lets a request sort replace the view's", async () => {
    const answer = await emulator.request(
      `${deals}?view=${OPEN_VIEW_ID}&filterByFormula=${encodeURIComponent('{Amount} > 0')}&sort[0][field]=Name`,
    );
    expect(names(answer)).toEqual(['Rockets', 'Shelves']);
  });

  it('refuses an unknown view', async () => {
    const answer = await emulator.request(`${deals}?view=Nope`);
    expect([answer.status, errorType(answer)]).toEqual([422, 'VIEW_NAME_NOT_FOUND']);
  });

  it.each([
    ["{Stage} = 'Won'", ['Anvils']],
    ["AND({Stage} = 'Open', {Amount} >= 1000)", ['Rockets', 'Shelves']],
    ['{Done}', ['Anvils']],
    ['NOT({Done})', ['Rockets', 'Shelves', 'Printers', 'Staplers']],
    ["FIND('ers', {Name})", ['Printers', 'Staplers']],
    ["{Industry} = 'Technology'", ['Rockets', 'Anvils', 'Printers']],
    ["{Company} = 'Globex'", ['Shelves']],
    ['{Double} > 2000', ['Shelves']],
    ["IS_BEFORE({Close Date}, '2026-04-01')", ['Printers']],
    ["{Amount} = ''", ['Staplers']],
    ['', ['Rockets', 'Anvils', 'Shelves', 'Printers', 'Staplers']],
  ])('filterByFormula %s', async (formula, expected) => {
    expect(names(await emulator.request(filter(formula)))).toEqual(expected);
  });

  it('answers an invalid formula with a message that points at the problem', async () => {
    const answer = await emulator.request(filter("AND({Stage} = 'Open'"));
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_FILTER_BY_FORMULA']);
    expect(errorMessage(answer)).toMatch(
      /^The formula for filtering records is invalid: .*position/,
    );
  });

  it('names unknown fields in a formula', async () => {
    const answer = await emulator.request(filter('AND({Nope} = 1, {Zip})'));
    expect([answer.status, errorMessage(answer)]).toEqual([
      422,
      'The formula for filtering records is invalid: Unknown field names: nope, zip',
    ]);
  });

  it('refuses an unknown function', async () => {
    const answer = await emulator.request(filter('FROBNICATE({Name})'));
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_FILTER_BY_FORMULA']);
  });
});

describe('cellFormat=string', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ bases: [testBase()] });
  });
  afterAll(() => emulator.close());

  it('needs timeZone and userLocale', async () => {
    const answer = await emulator.request(`${deals}?cellFormat=string`);
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_REQUEST_UNKNOWN']);
  });

  it('renders cells as the text Airtable shows, dates in the requested time zone', async () => {
    const answer = await emulator.request(
      `${deals}?cellFormat=string&timeZone=America/New_York&userLocale=en-us&filterByFormula=${encodeURIComponent("{Name} = 'Printers'")}`,
    );
    expect(fieldsOf(recordsOf(answer)[0])).toMatchObject({
      Amount: '$75.00',
      Stage: 'Lost',
      Company: 'Initech',
      Industry: 'Technology',
      'Close Date': '2026-03-15',
      Updated: '2026-03-15 10:30',
      Double: '150',
    });
  });
});
