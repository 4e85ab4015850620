/**
 * Field types whose values the emulator computes (from formulas, links, or record metadata)
 * rather than stores: a seed record never holds a value for them, and a write to them is
 * rejected like Airtable does.
 */
import type { SeedField, SeedFieldType } from './seed-format.ts';

/** Types computed by the emulator, never stored in seed records. */
export const COMPUTED_FIELD_TYPES: ReadonlySet<SeedFieldType> = new Set<SeedFieldType>([
  'formula',
  'rollup',
  'multipleLookupValues',
  'count',
  'createdTime',
  'lastModifiedTime',
  'autoNumber',
]);

/** True when `field`'s values are computed, not stored. */
export function isComputedField(field: SeedField): boolean {
  return COMPUTED_FIELD_TYPES.has(field.type);
}

/** The `{Field Name}` references in a formula, in order (Airtable's field reference syntax). */
export function formulaFieldNames(formula: string): string[] {
  return Array.from(formula.matchAll(/\{([^}]+)\}/g), (match) => match[1] ?? '');
}
