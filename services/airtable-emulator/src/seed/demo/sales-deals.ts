/**
 * Deals of the Sales CRM demo: amounts spread from a few thousand to a few hundred thousand
 * dollars, closed deals dated in the 12 months before the reference day and open ones around
 * and up to 3 months after it, with a win probability that follows the stage.
 */
import type { IdMaker } from '../airtable-ids.ts';
import { DEMO_REFERENCE_DATE, addDays, notAfter, timestampOn } from '../calendar.ts';
import type { Random } from '../random.ts';
import { DEAL_PRODUCTS, SALES_REPS } from './demo-words.ts';
import type { CompanyDraft } from './sales-companies.ts';
import { DEAL_STAGES } from './sales-schema.ts';
import type { DealStage } from './sales-schema.ts';

/** A deal, linked to the company at `companyIndex`. */
export interface DealDraft {
  readonly id: string;
  readonly companyIndex: number;
  readonly createdTime: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

// How common each stage is: a pipeline with plenty of history and a healthy open funnel.
const STAGE_WEIGHTS = [40, 35, 30, 20, 70, 55];
const STAGE_PROBABILITY: Readonly<Record<DealStage, number>> = {
  Lead: 0.1,
  Qualified: 0.25,
  Proposal: 0.5,
  Negotiation: 0.75,
  'Closed Won': 1,
  'Closed Lost': 0,
};

function closeDate(random: Random, stage: DealStage): string {
  const closed = stage === 'Closed Won' || stage === 'Closed Lost';
  return addDays(DEMO_REFERENCE_DATE, closed ? -random.int(1, 365) : random.int(-20, 91));
}

function amount(random: Random): number {
  const dollars = Math.exp(random.between(Math.log(2_000), Math.log(180_000)));
  return Math.round(dollars / 100) * 100;
}

function createdTime(random: Random, close: string): string {
  const opened = addDays(close, -random.int(20, 160));
  const day = notAfter(opened, addDays(DEMO_REFERENCE_DATE, -1));
  return timestampOn(day, random.int(8, 18), random.int(0, 59));
}

/** `count` deals, each for one of `companies`. */
export function draftDeals(
  random: Random,
  makeId: IdMaker,
  companies: readonly CompanyDraft[],
  count: number,
): DealDraft[] {
  return Array.from({ length: count }, () => {
    const companyIndex = random.int(0, companies.length - 1);
    const company = companies[companyIndex];
    if (company === undefined) throw new RangeError('no companies to sell to');
    const stage = random.pickWeighted(DEAL_STAGES, STAGE_WEIGHTS);
    const close = closeDate(random, stage);
    return {
      id: makeId('rec'),
      companyIndex,
      createdTime: createdTime(random, close),
      fields: {
        Name: `${company.name} — ${random.pick(DEAL_PRODUCTS)}`,
        Amount: amount(random),
        Stage: stage,
        'Close Date': close,
        Probability: STAGE_PROBABILITY[stage],
        Owner: random.pick(SALES_REPS),
        Rating: random.chance(0.85) ? random.int(1, 5) : undefined,
      },
    };
  });
}
