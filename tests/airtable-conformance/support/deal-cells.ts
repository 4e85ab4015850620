/**
 * Reading cells of the demo Deals table for the expected answers the cases compute
 * themselves, from a full unfiltered read, instead of trusting the emulator's filtering.
 */
import { DEAL_STAGES } from '@pyairtable/airtable-emulator';
import type { TableRecord } from './conformance-client.ts';

/** The Deals table's Stage choices in the order the field defines them (the seed's order). */
export const STAGE_CHOICES = DEAL_STAGES;

/** A text cell (single line, single select, ISO date), or undefined when empty. */
export function textCell(record: TableRecord, field: string): string | undefined {
  const value = record.fields[field];
  return typeof value === 'string' ? value : undefined;
}

/** A number cell, or undefined when empty. */
export function numberCell(record: TableRecord, field: string): number | undefined {
  const value = record.fields[field];
  return typeof value === 'number' ? value : undefined;
}

/** The record ids a link cell holds. */
export function linkCell(record: TableRecord, field: string): string[] {
  const value = record.fields[field];
  return Array.isArray(value) ? value.filter((id) => typeof id === 'string') : [];
}

/** The ids of `records`, in order. */
export const idsOf = (records: readonly TableRecord[]): string[] =>
  records.map((record) => record.id);

/** Position of a Stage value among the field's choices (sorting follows choice order). */
export function stageRank(record: TableRecord): number {
  return STAGE_CHOICES.indexOf(textCell(record, 'Stage') as (typeof STAGE_CHOICES)[number]);
}
