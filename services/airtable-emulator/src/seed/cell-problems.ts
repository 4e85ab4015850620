/**
 * Checks that one stored cell value has the shape Airtable's record API gives that field type
 * (a date as YYYY-MM-DD, a select as one of its choices...), so a seed cannot load data the
 * real API would never return. Links are checked against records in seed-problems.ts.
 */
import { AIRTABLE_ID_PATTERN } from './airtable-ids.ts';
import { selectChoices } from './field-options.ts';
import type { SeedField } from './seed-format.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function attachmentProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'is not a list of attachments';
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return 'holds a non-object attachment';
    const { id, url, filename } = item as Record<string, unknown>;
    if (typeof id !== 'string' || !AIRTABLE_ID_PATTERN.test(id) || !id.startsWith('att')) {
      return 'holds an attachment without an att… id';
    }
    if (typeof url !== 'string' || typeof filename !== 'string') {
      return 'holds an attachment without url and filename';
    }
  }
  return undefined;
}

function selectProblem(field: SeedField, value: unknown): string | undefined {
  const names = new Set(selectChoices(field).map((choice) => choice.name));
  const values = field.type === 'multipleSelects' ? value : [value];
  if (!isStringArray(values)) return 'is not a choice name';
  const unknown = values.find((name) => !names.has(name));
  return unknown === undefined ? undefined : `"${unknown}" is not one of its choices`;
}

/** Why `value` cannot be stored in `field`, or undefined when it can. */
export function cellProblem(field: SeedField, value: unknown): string | undefined {
  switch (field.type) {
    case 'singleLineText':
    case 'multilineText':
    case 'email':
    case 'url':
    case 'phoneNumber':
      return typeof value === 'string' ? undefined : 'is not text';
    case 'number':
    case 'currency':
    case 'percent':
      return Number.isFinite(value) ? undefined : 'is not a number';
    case 'rating': {
      const max = Number(field.options?.['max'] ?? 5);
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max
        ? undefined
        : `is not a rating from 1 to ${max}`;
    }
    case 'checkbox':
      return value === true ? undefined : 'is not true (unchecked boxes are left out)';
    case 'singleSelect':
    case 'multipleSelects':
      return selectProblem(field, value);
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? undefined : 'is not YYYY-MM-DD';
    case 'dateTime':
      return typeof value === 'string' && DATE_TIME.test(value) ? undefined : 'is not ISO UTC';
    case 'multipleRecordLinks':
      return isStringArray(value) ? undefined : 'is not a list of record ids';
    case 'multipleAttachments':
      return attachmentProblem(value);
    default:
      return 'is a computed field, which seeds must not store';
  }
}
