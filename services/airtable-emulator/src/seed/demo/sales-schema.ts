/**
 * Fields and views of the Sales CRM demo base. Link fields name each other as inverses, so
 * the emulator creates no extra field; computed fields (rollup, count, lookup, formula,
 * created time) are defined here and never stored in records.
 */
import { createFieldFactory, gridView } from '../field-factory.ts';
import type { SeedField, SeedView } from '../seed-format.ts';
import {
  DEMO_COMPANIES_TABLE_ID as COMPANIES,
  DEMO_CONTACTS_TABLE_ID as CONTACTS,
  DEMO_DEALS_TABLE_ID as DEALS,
} from './demo-ids.ts';
import { CONTACT_TAGS, COUNTRIES, INDUSTRIES } from './demo-words.ts';

/** Deal stages, in pipeline order. */
export const DEAL_STAGES = [
  'Lead',
  'Qualified',
  'Proposal',
  'Negotiation',
  'Closed Won',
  'Closed Lost',
] as const;

/** One of DEAL_STAGES. */
export type DealStage = (typeof DEAL_STAGES)[number];

const company = createFieldFactory(COMPANIES);
const contact = createFieldFactory(CONTACTS);
const deal = createFieldFactory(DEALS);

/** Companies: name first (the primary field), then firmographics, links and rollups. */
export const COMPANY_FIELDS: readonly SeedField[] = [
  company.text('Name'),
  company.select('Industry', INDUSTRIES),
  company.text('Website', 'url'),
  company.number('Employees'),
  company.currency('Annual Revenue', 0),
  company.select(
    'Country',
    COUNTRIES.map((country) => country.name),
  ),
  company.link('Deals', DEALS, 'Company'),
  company.link('Contacts', CONTACTS, 'Company'),
  company.createdTime('Created'),
  company.rollup('Total Pipeline', 'Deals', DEALS, 'Amount', 'SUM(values)'),
  // Summing "Won Amount" (not "Amount") keeps open and lost deals out of the total.
  company.rollup('Total Won', 'Deals', DEALS, 'Won Amount', 'SUM(values)'),
  company.count('Deal Count', 'Deals'),
];

/** Contacts: people at companies. */
export const CONTACT_FIELDS: readonly SeedField[] = [
  contact.text('Name'),
  contact.text('Email', 'email'),
  contact.text('Phone', 'phoneNumber'),
  contact.text('Title'),
  contact.link('Company', COMPANIES, 'Contacts', true),
  contact.multiSelect('Tags', CONTACT_TAGS),
  contact.text('Notes', 'multilineText'),
  contact.checkbox('VIP'),
];

/** Deals: one company each, moving through DEAL_STAGES. */
export const DEAL_FIELDS: readonly SeedField[] = [
  deal.text('Name'),
  deal.link('Company', COMPANIES, 'Deals', true),
  deal.currency('Amount', 0),
  deal.select('Stage', DEAL_STAGES),
  deal.date('Close Date'),
  deal.percent('Probability'),
  deal.text('Owner'),
  deal.rating('Rating', 5),
  deal.formula('Priority Score', '{Amount} * {Probability}'),
  deal.formula('Won Amount', "IF({Stage} = 'Closed Won', {Amount}, 0)"),
  deal.lookup('Company Industry', 'Company', COMPANIES, 'Industry'),
];

/** Companies' views. */
export const COMPANY_VIEWS: readonly SeedView[] = [
  gridView(COMPANIES, 'All companies'),
  gridView(COMPANIES, 'Largest customers', {
    filterByFormula: '{Total Won} > 0',
    sort: [{ field: 'Total Won', direction: 'desc' }],
  }),
];

/** Contacts' views. */
export const CONTACT_VIEWS: readonly SeedView[] = [
  gridView(CONTACTS, 'All contacts'),
  gridView(CONTACTS, 'VIP contacts', {
    filterByFormula: '{VIP}',
    sort: [{ field: 'Name', direction: 'asc' }],
  }),
];

/** Deals' views; "Open pipeline" and "Big deals" are named in docs and tests. */
export const DEAL_VIEWS: readonly SeedView[] = [
  gridView(DEALS, 'All deals'),
  gridView(DEALS, 'Open pipeline', {
    filterByFormula: "AND({Stage} != 'Closed Won', {Stage} != 'Closed Lost')",
    sort: [{ field: 'Close Date', direction: 'asc' }],
  }),
  gridView(DEALS, 'Big deals', {
    filterByFormula: '{Amount} > 10000',
    sort: [{ field: 'Amount', direction: 'desc' }],
  }),
];
