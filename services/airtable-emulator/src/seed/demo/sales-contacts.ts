/**
 * Contacts of the Sales CRM demo: every company gets at least one, the rest are spread at
 * random, with email addresses at the company's domain and phones in its country.
 */
import type { IdMaker } from '../airtable-ids.ts';
import { DEMO_REFERENCE_DATE, addDays, notAfter, timestampOn } from '../calendar.ts';
import type { Random } from '../random.ts';
import { asciiSlug } from './ascii-slug.ts';
import { CONTACT_NOTES, CONTACT_TAGS, FIRST_NAMES, JOB_TITLES, LAST_NAMES } from './demo-words.ts';
import type { CompanyDraft } from './sales-companies.ts';

/** A contact, linked to the company at `companyIndex`. */
export interface ContactDraft {
  readonly id: string;
  readonly companyIndex: number;
  readonly createdTime: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

function phoneNumber(random: Random, callingCode: string): string {
  return `${callingCode} ${random.int(200, 899)} ${random.int(100, 999)} ${random.int(1000, 9999)}`;
}

function companyOrder(random: Random, companies: number, contacts: number): number[] {
  const everyCompany = Array.from({ length: companies }, (_, index) => index);
  const more = Array.from({ length: contacts - companies }, () => random.int(0, companies - 1));
  return random.shuffle([...everyCompany, ...more]);
}

/** `count` contacts (at least one per company) with distinct names. */
export function draftContacts(
  random: Random,
  makeId: IdMaker,
  companies: readonly CompanyDraft[],
  count: number,
): ContactDraft[] {
  if (count < companies.length) throw new RangeError('need at least one contact per company');
  const names = FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => ({ first, last })));
  const people = random.sample(names, count);
  return companyOrder(random, companies.length, count).map((companyIndex, index) => {
    const company = companies[companyIndex];
    const person = people[index];
    if (company === undefined || person === undefined) throw new RangeError('too few names');
    const joined = addDays(company.createdTime.slice(0, 10), random.int(0, 400));
    const day = notAfter(joined, addDays(DEMO_REFERENCE_DATE, -1));
    return {
      id: makeId('rec'),
      companyIndex,
      createdTime: timestampOn(day, random.int(8, 18), random.int(0, 59)),
      fields: {
        Name: `${person.first} ${person.last}`,
        Email: `${asciiSlug(person.first)}.${asciiSlug(person.last)}@${company.domain}`,
        Phone: phoneNumber(random, company.callingCode),
        Title: random.pick(JOB_TITLES),
        Tags: random.sample(CONTACT_TAGS, random.pickWeighted([0, 1, 2], [4, 4, 2])),
        Notes: random.chance(0.4) ? random.pick(CONTACT_NOTES) : undefined,
        VIP: random.chance(0.12),
      },
    };
  });
}
