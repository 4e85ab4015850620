/**
 * Companies of the Sales CRM demo: unique names crossed from word lists, with an industry
 * that fits the name, a size and a revenue that fit each other.
 */
import type { IdMaker } from '../airtable-ids.ts';
import { addDays, timestampOn } from '../calendar.ts';
import type { Random } from '../random.ts';
import { asciiSlug } from './ascii-slug.ts';
import { COMPANY_KINDS, COMPANY_STEMS, COUNTRIES } from './demo-words.ts';

/** A company before its links are known; contacts and deals draw on its details. */
export interface CompanyDraft {
  readonly id: string;
  readonly name: string;
  readonly industry: string;
  /** The web domain, which contacts' email addresses use too. */
  readonly domain: string;
  readonly employees: number;
  readonly annualRevenue: number;
  readonly country: string;
  readonly callingCode: string;
  readonly createdTime: string;
}

function logUniform(random: Random, min: number, max: number): number {
  return Math.exp(random.between(Math.log(min), Math.log(max)));
}

/** `count` companies with distinct names, created between 2023 and late 2025. */
export function draftCompanies(random: Random, makeId: IdMaker, count: number): CompanyDraft[] {
  const names = COMPANY_STEMS.flatMap((stem) => COMPANY_KINDS.map((kind) => ({ stem, kind })));
  if (count > names.length) throw new RangeError(`at most ${names.length} company names`);
  const countryWeights = COUNTRIES.map((country) => country.weight);
  return random.sample(names, count).map(({ stem, kind }) => {
    const employees = Math.round(logUniform(random, 8, 25_000));
    const country = random.pickWeighted(COUNTRIES, countryWeights);
    return {
      id: makeId('rec'),
      name: `${stem} ${kind.word}`,
      industry: kind.industry,
      domain: `${asciiSlug(stem + kind.word)}.${kind.domain}`,
      employees,
      // Revenue per employee varies by a factor of five, rounded as people quote it.
      annualRevenue: Math.round((employees * random.between(60_000, 300_000)) / 1000) * 1000,
      country: country.name,
      callingCode: country.callingCode,
      createdTime: timestampOn(addDays('2023-01-02', random.int(0, 1000)), random.int(8, 18)),
    };
  });
}
