/**
 * The Sales CRM demo base: ~60 companies, ~150 contacts and exactly 250 deals, linked both
 * ways. Each table draws from its own seeded sequence, so changing one table's generator
 * leaves the others' records unchanged.
 */
import { withoutEmptyCells } from '../empty-values.ts';
import { idsAt, inverseLinks } from '../links.ts';
import type { SeedBase, SeedRecord } from '../seed-format.ts';
import {
  DEMO_COMPANIES_TABLE_ID,
  DEMO_CONTACTS_TABLE_ID,
  DEMO_DEALS_TABLE_ID,
  DEMO_SALES_BASE_ID,
} from './demo-ids.ts';
import { tableSequences } from './table-sequences.ts';
import { draftCompanies } from './sales-companies.ts';
import { draftContacts } from './sales-contacts.ts';
import type { ContactDraft } from './sales-contacts.ts';
import { draftDeals } from './sales-deals.ts';
import type { DealDraft } from './sales-deals.ts';
import {
  COMPANY_FIELDS,
  COMPANY_VIEWS,
  CONTACT_FIELDS,
  CONTACT_VIEWS,
  DEAL_FIELDS,
  DEAL_VIEWS,
} from './sales-schema.ts';

/** Companies in the Sales CRM demo. */
export const DEMO_COMPANY_COUNT = 60;
/** Contacts in the Sales CRM demo. */
export const DEMO_CONTACT_COUNT = 150;
/** Deals in the Sales CRM demo: three pages of 100, 100 and 50 records. */
export const DEMO_DEAL_COUNT = 250;

/** The Sales CRM demo base; the same records, ids and values on every call. */
export function salesBase(): SeedBase {
  const companies = tableSequences(DEMO_COMPANIES_TABLE_ID);
  const companyDrafts = draftCompanies(companies.random, companies.makeId, DEMO_COMPANY_COUNT);
  const contacts = tableSequences(DEMO_CONTACTS_TABLE_ID);
  const contactDrafts = draftContacts(
    contacts.random,
    contacts.makeId,
    companyDrafts,
    DEMO_CONTACT_COUNT,
  );
  const deals = tableSequences(DEMO_DEALS_TABLE_ID);
  const dealDrafts = draftDeals(deals.random, deals.makeId, companyDrafts, DEMO_DEAL_COUNT);

  const companyIds = companyDrafts.map((company) => company.id);
  const contactsOf = inverseLinks(
    contactDrafts.map((contact) => contact.id),
    contactDrafts.map((contact) => [contact.companyIndex]),
    companyIds.length,
  );
  const dealsOf = inverseLinks(
    dealDrafts.map((deal) => deal.id),
    dealDrafts.map((deal) => [deal.companyIndex]),
    companyIds.length,
  );

  const companyRecords: SeedRecord[] = companyDrafts.map((company, index) => ({
    id: company.id,
    createdTime: company.createdTime,
    fields: withoutEmptyCells({
      Name: company.name,
      Industry: company.industry,
      Website: `https://www.${company.domain}`,
      Employees: company.employees,
      'Annual Revenue': company.annualRevenue,
      Country: company.country,
      Deals: dealsOf[index],
      Contacts: contactsOf[index],
    }),
  }));
  // Contacts and deals hold one company each; the companies' side was derived from them above.
  const withCompany = (draft: ContactDraft | DealDraft): SeedRecord => ({
    id: draft.id,
    createdTime: draft.createdTime,
    fields: withoutEmptyCells({
      ...draft.fields,
      Company: idsAt(companyIds, [draft.companyIndex]),
    }),
  });
  const contactRecords = contactDrafts.map(withCompany);
  const dealRecords = dealDrafts.map(withCompany);

  return {
    id: DEMO_SALES_BASE_ID,
    name: 'Sales CRM',
    tables: [
      {
        id: DEMO_COMPANIES_TABLE_ID,
        name: 'Companies',
        description: 'Customers and prospects, with what they bought and are buying.',
        fields: COMPANY_FIELDS,
        views: COMPANY_VIEWS,
        records: companyRecords,
      },
      {
        id: DEMO_CONTACTS_TABLE_ID,
        name: 'Contacts',
        description: 'People at those companies the sales team talks to.',
        fields: CONTACT_FIELDS,
        views: CONTACT_VIEWS,
        records: contactRecords,
      },
      {
        id: DEMO_DEALS_TABLE_ID,
        name: 'Deals',
        description: 'Opportunities from first lead to closed, one company each.',
        fields: DEAL_FIELDS,
        views: DEAL_VIEWS,
        records: dealRecords,
      },
    ],
  };
}
