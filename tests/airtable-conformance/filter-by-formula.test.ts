/**
 * filterByFormula through airtable.js and the access layer. Each case states the formula and,
 * separately, what it means as a predicate on a record; the expected ids are that predicate
 * applied to a full unfiltered read, so the emulator's formula engine is checked, not
 * trusted. Airtable keeps the table's order when it filters, so order is compared too.
 */
import { DEMO_ACCESS_TOKEN, DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_KINDS } from './support/client-kinds.ts';
import { listAll } from './support/conformance-client.ts';
import type { ConformanceClient, TableRecord } from './support/conformance-client.ts';
import { idsOf, linkCell, numberCell, textCell } from './support/deal-cells.ts';
import { startListeningEmulator } from './support/listening-emulator.ts';
import type { ListeningEmulator } from './support/listening-emulator.ts';

/** What the cases know about the data besides the deals: company names by record id. */
interface Truth {
  readonly deals: readonly TableRecord[];
  readonly companyNames: ReadonlyMap<string, string>;
}

interface FilterCase {
  readonly name: string;
  readonly formula: (truth: Truth) => string;
  readonly keeps: (deal: TableRecord, truth: Truth) => boolean;
}

const name = (deal: TableRecord) => textCell(deal, 'Name') ?? '';
const stage = (deal: TableRecord) => textCell(deal, 'Stage');
const amount = (deal: TableRecord) => numberCell(deal, 'Amount') ?? 0;
const companiesText = (deal: TableRecord, truth: Truth) =>
  linkCell(deal, 'Company')
    .map((id) => truth.companyNames.get(id) ?? '')
    .join(', ');
/** The company of the first deal: a name the link cases look for. */
const someCompany = (truth: Truth) => {
  const [firstDeal] = truth.deals;
  const [companyId] = firstDeal === undefined ? [] : linkCell(firstDeal, 'Company');
  return truth.companyNames.get(companyId ?? '') ?? '';
};

const CASES: readonly FilterCase[] = [
  {
    name: 'numbers: {Amount} > 10000',
    formula: () => '{Amount} > 10000',
    keeps: (d) => amount(d) > 10_000,
  },
  {
    name: "strings: {Stage} = 'Closed Won'",
    formula: () => "{Stage} = 'Closed Won'",
    keeps: (d) => stage(d) === 'Closed Won',
  },
  {
    name: 'strings in double quotes: {Stage} != "Lead"',
    formula: () => '{Stage} != "Lead"',
    keeps: (d) => stage(d) !== 'Lead',
  },
  {
    name: "dates: IS_AFTER({Close Date}, '2026-10-01')",
    formula: () => "IS_AFTER({Close Date}, '2026-10-01')",
    keeps: (d) => (textCell(d, 'Close Date') ?? '') > '2026-10-01',
  },
  {
    name: "dates: IS_BEFORE({Close Date}, '2026-03-01')",
    formula: () => "IS_BEFORE({Close Date}, '2026-03-01')",
    keeps: (d) => (textCell(d, 'Close Date') ?? '9999') < '2026-03-01',
  },
  {
    name: 'AND / OR / NOT',
    formula: () => "AND(OR({Stage} = 'Lead', {Stage} = 'Qualified'), NOT({Amount} < 50000))",
    keeps: (d) => (stage(d) === 'Lead' || stage(d) === 'Qualified') && !(amount(d) < 50_000),
  },
  {
    name: "FIND (case-sensitive): FIND('Robotics', {Name})",
    formula: () => "FIND('Robotics', {Name})",
    keeps: (d) => name(d).includes('Robotics'),
  },
  {
    name: "FIND on LOWER (case-insensitive): FIND('robotics', LOWER({Name})) > 0",
    formula: () => "FIND('robotics', LOWER({Name})) > 0",
    keeps: (d) => name(d).toLowerCase().includes('robotics'),
  },
  {
    name: "SEARCH: SEARCH('Platform', {Name})",
    formula: () => "SEARCH('Platform', {Name})",
    keeps: (d) => name(d).includes('Platform'),
  },
  {
    name: 'BLANK: {Rating} = BLANK()',
    formula: () => '{Rating} = BLANK()',
    keeps: (d) => d.fields['Rating'] === undefined,
  },
  {
    name: 'BLANK: {Rating} != BLANK()',
    formula: () => '{Rating} != BLANK()',
    keeps: (d) => d.fields['Rating'] !== undefined,
  },
  {
    name: "linked records: FIND('<company>', ARRAYJOIN({Company}))",
    formula: (truth) => `FIND('${someCompany(truth)}', ARRAYJOIN({Company}))`,
    keeps: (d, truth) => companiesText(d, truth).includes(someCompany(truth)),
  },
  {
    name: "linked records: {Company} = '<company>' (the link field's text)",
    formula: (truth) => `{Company} = '${someCompany(truth)}'`,
    keeps: (d, truth) => companiesText(d, truth) === someCompany(truth),
  },
  {
    name: 'a formula no record satisfies',
    formula: () => '{Amount} < 0',
    keeps: () => false,
  },
];

let emulator: ListeningEmulator;
beforeAll(async () => {
  emulator = await startListeningEmulator();
});
afterAll(() => emulator.close());

describe.each(CLIENT_KINDS)('filterByFormula through $name', (kind) => {
  let client: ConformanceClient;
  let truth: Truth;
  beforeAll(async () => {
    client = kind.connect({
      endpointUrl: emulator.endpointUrl,
      token: DEMO_ACCESS_TOKEN,
      baseId: DEMO_SALES_BASE_ID,
    });
    const companies = await listAll(client, 'Companies', { fields: ['Name'] });
    truth = {
      deals: await listAll(client, 'Deals'),
      companyNames: new Map(
        companies.map((company) => [company.id, textCell(company, 'Name') ?? '']),
      ),
    };
  });
  afterAll(() => client.close());

  it.each(CASES)('$name', async (filter) => {
    const found = await listAll(client, 'Deals', { filterByFormula: filter.formula(truth) });
    const expected = truth.deals.filter((deal) => filter.keeps(deal, truth));
    expect(idsOf(found)).toEqual(idsOf(expected));
  });

  it('has cases that keep some records and cases that keep many', () => {
    // Guards the cases themselves: a predicate keeping nothing would pass vacuously.
    const kept = CASES.map(
      (filter) => truth.deals.filter((deal) => filter.keeps(deal, truth)).length,
    );
    expect(kept.filter((count) => count > 0)).toHaveLength(CASES.length - 1);
    expect(Math.max(...kept)).toBeGreaterThan(100);
  });
});
