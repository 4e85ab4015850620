/**
 * A small base with every field type the tests need: Companies and Deals, linked both ways,
 * with a rollup, a count, lookups, formulas, an auto number, timestamps and two views.
 */
import type { SeedBase, SeedField } from '../../src/index.ts';

/** An Airtable-shaped id: the prefix and `key` padded to 14 characters. */
export function testId(prefix: string, key: string): string {
  return `${prefix}${key.padEnd(14, '0')}`;
}

export const BASE_ID = testId('app', 'TestBase');
export const COMPANIES_ID = testId('tbl', 'Companies');
export const DEALS_ID = testId('tbl', 'Deals');
export const OPEN_VIEW_ID = testId('viw', 'OpenDeals');

const field = (key: string, name: string, type: SeedField['type'], options?: object) =>
  ({
    id: testId('fld', key),
    name,
    type,
    ...(options === undefined ? {} : { options }),
  }) as SeedField;

const choices = (...names: string[]) => ({
  choices: names.map((name) => ({ id: testId('sel', name), name })),
});

export const FIELD = {
  companyName: testId('fld', 'CoName'),
  companyDeals: testId('fld', 'CoDeals'),
  dealName: testId('fld', 'DlName'),
  dealAmount: testId('fld', 'DlAmount'),
  dealCompany: testId('fld', 'DlCompany'),
  dealStage: testId('fld', 'DlStage'),
} as const;

/** Record ids of the test base. */
export const REC = {
  acme: testId('rec', 'Acme'),
  globex: testId('rec', 'Globex'),
  initech: testId('rec', 'Initech'),
  deal1: testId('rec', 'Deal1'),
  deal2: testId('rec', 'Deal2'),
  deal3: testId('rec', 'Deal3'),
  deal4: testId('rec', 'Deal4'),
  deal5: testId('rec', 'Deal5'),
} as const;

/** The test base; a fresh copy each call. */
export function testBase(): SeedBase {
  return {
    id: BASE_ID,
    name: 'Test base',
    tables: [
      {
        id: COMPANIES_ID,
        name: 'Companies',
        fields: [
          field('CoName', 'Name', 'singleLineText'),
          field(
            'CoIndustry',
            'Industry',
            'singleSelect',
            choices('Technology', 'Retail', 'Finance'),
          ),
          field('CoEmployees', 'Employees', 'number', { precision: 0 }),
          field('CoDeals', 'Deals', 'multipleRecordLinks', {
            linkedTableId: DEALS_ID,
            inverseLinkFieldId: FIELD.dealCompany,
          }),
          field('CoTotal', 'Total Amount', 'rollup', {
            recordLinkFieldId: FIELD.companyDeals,
            fieldIdInLinkedTable: FIELD.dealAmount,
            formula: 'SUM(values)',
          }),
          field('CoCount', 'Deal Count', 'count', { recordLinkFieldId: FIELD.companyDeals }),
          field('CoStages', 'Stages', 'multipleLookupValues', {
            recordLinkFieldId: FIELD.companyDeals,
            fieldIdInLinkedTable: FIELD.dealStage,
          }),
          field('CoCreated', 'Created', 'createdTime'),
        ],
        views: [{ id: testId('viw', 'AllCompanies'), name: 'All companies', type: 'grid' }],
        records: [
          {
            id: REC.acme,
            createdTime: '2026-01-01T09:00:00.000Z',
            fields: { Name: 'Acme', Industry: 'Technology', Employees: 120 },
          },
          {
            id: REC.globex,
            createdTime: '2026-01-02T09:00:00.000Z',
            fields: { Name: 'Globex', Industry: 'Retail', Employees: 40 },
          },
          {
            id: REC.initech,
            createdTime: '2026-01-03T09:00:00.000Z',
            fields: { Name: 'Initech', Industry: 'Technology', Employees: 8 },
          },
        ],
      },
      {
        id: DEALS_ID,
        name: 'Deals',
        fields: [
          field('DlName', 'Name', 'singleLineText'),
          field('DlAmount', 'Amount', 'currency', { precision: 2, symbol: '$' }),
          field('DlStage', 'Stage', 'singleSelect', choices('Open', 'Won', 'Lost')),
          field('DlClose', 'Close Date', 'date', { dateFormat: { name: 'iso' } }),
          field('DlDone', 'Done', 'checkbox'),
          field('DlCompany', 'Company', 'multipleRecordLinks', {
            linkedTableId: COMPANIES_ID,
            inverseLinkFieldId: FIELD.companyDeals,
          }),
          field('DlIndustry', 'Industry', 'multipleLookupValues', {
            recordLinkFieldId: FIELD.dealCompany,
            fieldIdInLinkedTable: testId('fld', 'CoIndustry'),
          }),
          field('DlDouble', 'Double', 'formula', { formula: '{Amount} * 2' }),
          field('DlLabel', 'Label', 'formula', { formula: '{Name} & " (" & {Stage} & ")"' }),
          field('DlNumber', 'Number', 'autoNumber'),
          field('DlModified', 'Modified', 'lastModifiedTime'),
          field('DlTags', 'Tags', 'multipleSelects', choices('a', 'b', 'c')),
          field('DlUpdated', 'Updated', 'dateTime', { timeZone: 'utc' }),
          field('DlRating', 'Rating', 'rating', { max: 5 }),
          field('DlFiles', 'Files', 'multipleAttachments'),
          field('DlNotes', 'Notes', 'multilineText'),
        ],
        views: [
          {
            id: OPEN_VIEW_ID,
            name: 'Open deals',
            type: 'grid',
            filterByFormula: "{Stage} = 'Open'",
            sort: [{ field: 'Amount', direction: 'desc' }],
          },
          {
            id: testId('viw', 'ByName'),
            name: 'By name',
            type: 'grid',
            sort: [{ field: 'Name', direction: 'asc' }],
          },
        ],
        records: [
          {
            id: REC.deal1,
            createdTime: '2026-02-01T09:00:00.000Z',
            fields: {
              Name: 'Rockets',
              Amount: 1000,
              Stage: 'Open',
              Company: [REC.acme],
              Tags: ['a'],
            },
          },
          {
            id: REC.deal2,
            createdTime: '2026-02-02T09:00:00.000Z',
            fields: {
              Name: 'Anvils',
              Amount: 250.5,
              Stage: 'Won',
              Done: true,
              Company: [REC.acme],
            },
          },
          {
            id: REC.deal3,
            createdTime: '2026-02-03T09:00:00.000Z',
            fields: { Name: 'Shelves', Amount: 4000, Stage: 'Open', Company: [REC.globex] },
          },
          {
            id: REC.deal4,
            createdTime: '2026-02-04T09:00:00.000Z',
            fields: {
              Name: 'Printers',
              Amount: 75,
              Stage: 'Lost',
              Company: [REC.initech],
              'Close Date': '2026-03-15',
              Updated: '2026-03-15T14:30:00.000Z',
            },
          },
          {
            id: REC.deal5,
            createdTime: '2026-02-05T09:00:00.000Z',
            fields: { Name: 'Staplers', Stage: 'Open' },
          },
        ],
      },
    ],
  };
}
