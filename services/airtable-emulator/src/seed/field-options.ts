/**
 * Typed reads of SeedField options, which the format leaves as `unknown` because each field
 * type has its own.
 */
import type { SeedField } from './seed-format.ts';

/** The option `key` of `field` when it is a string (an id, a formula), else undefined. */
export function stringOption(field: SeedField, key: string): string | undefined {
  const value = field.options?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The choices of a select field (empty for other fields). */
export function selectChoices(field: SeedField): { id: unknown; name: string }[] {
  const choices = field.options?.['choices'];
  if (!Array.isArray(choices)) return [];
  return (choices as unknown[]).flatMap((choice) =>
    typeof choice === 'object' && choice !== null && 'name' in choice
      ? [{ id: 'id' in choice ? choice.id : undefined, name: String(choice.name) }]
      : [],
  );
}
