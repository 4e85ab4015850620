/**
 * Validates a value written to a field and turns it into the cell to store, as Airtable does:
 * the wrong type is 422 INVALID_VALUE_FOR_COLUMN, an unknown select option 422
 * INVALID_MULTIPLE_CHOICE_OPTIONS unless `typecast` (which adds it), a link to a missing record
 * 422 ROW_DOES_NOT_EXIST unless `typecast` finds or creates it by name. Nothing is changed here:
 * options and records that typecast will add are collected in the write plan and created only
 * once the whole request is valid.
 */
import { airtableErrors } from '../airtable-errors.ts';
import { tableById } from './emulator-state.ts';
import { choicesOf, linkTargetOf, ratingMaxOf } from './field-options.ts';
import { writeLinkCell } from './link-input.ts';
import type { BaseModel, FieldModel } from './model-types.ts';
import { isComputed } from './model-types.ts';
import { attachmentsFromInput } from './attachment-input.ts';
import {
  booleanFromText,
  epochFromAnyText,
  epochFromIso,
  numberFromText,
  textFromScalar,
} from './typecast.ts';

/** What a write will add besides the records themselves, decided while validating. */
export interface WritePlan {
  readonly base: BaseModel;
  readonly typecast: boolean;
  /** Select options to add, by field id. */
  readonly newChoices: Map<string, string[]>;
  /** Records to create by primary value in linked tables: table id → name → new record id. */
  readonly newLinkedRecords: Map<string, Map<string, string>>;
}

/** An empty plan for one write request. */
export function createWritePlan(base: BaseModel, typecast: boolean): WritePlan {
  return { base, typecast, newChoices: new Map(), newLinkedRecords: new Map() };
}

function invalid(field: FieldModel, problem: string): never {
  throw airtableErrors.invalidValue(field.name, problem);
}

function textCell(plan: WritePlan, field: FieldModel, value: unknown): string | undefined {
  const text =
    typeof value === 'string' ? value : plan.typecast ? textFromScalar(value) : undefined;
  if (text === undefined) invalid(field, 'expected text');
  return text === '' ? undefined : text;
}

function numberCell(plan: WritePlan, field: FieldModel, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const parsed =
    plan.typecast && typeof value === 'string'
      ? numberFromText(value, field.type === 'percent')
      : undefined;
  if (parsed === undefined) invalid(field, `expected a number, got ${JSON.stringify(value)}`);
  return parsed;
}

function ratingCell(plan: WritePlan, field: FieldModel, value: unknown): number | undefined {
  const rating = numberCell(plan, field, value);
  if (rating === 0) return undefined;
  const max = ratingMaxOf(field);
  if (!Number.isInteger(rating) || rating < 1 || rating > max) {
    invalid(field, `expected a whole number from 1 to ${max}`);
  }
  return rating;
}

function checkboxCell(plan: WritePlan, field: FieldModel, value: unknown): true | undefined {
  const checked =
    typeof value === 'boolean'
      ? value
      : plan.typecast && typeof value === 'string'
        ? booleanFromText(value)
        : plan.typecast && typeof value === 'number'
          ? value !== 0
          : undefined;
  if (checked === undefined) invalid(field, 'expected true or false');
  return checked ? true : undefined;
}

function choiceName(plan: WritePlan, field: FieldModel, value: unknown): string {
  const name =
    typeof value === 'string' ? value : plan.typecast ? textFromScalar(value) : undefined;
  if (name === undefined) invalid(field, 'expected the name of an option');
  const choices = choicesOf(field);
  const known = choices.find((choice) => choice.name === name || choice.id === name);
  if (known !== undefined) return known.name;
  const pending = plan.newChoices.get(field.id) ?? [];
  if (pending.includes(name)) return name;
  if (!plan.typecast) throw airtableErrors.unknownChoice(name);
  plan.newChoices.set(field.id, [...pending, name]);
  return name;
}

function multiSelectCell(plan: WritePlan, field: FieldModel, value: unknown): string[] | undefined {
  const items =
    plan.typecast && typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : value;
  if (!Array.isArray(items)) invalid(field, 'expected an array of option names');
  const names = [...new Set(items.map((item: unknown) => choiceName(plan, field, item)))];
  return names.length === 0 ? undefined : names;
}

function dateCell(plan: WritePlan, field: FieldModel, value: unknown): string {
  const epoch =
    typeof value !== 'string'
      ? Number.NaN
      : plan.typecast
        ? epochFromAnyText(value)
        : epochFromIso(value);
  if (Number.isNaN(epoch)) {
    invalid(
      field,
      field.type === 'date'
        ? `expected a date like "2026-01-31", got ${JSON.stringify(value)}`
        : `expected an ISO 8601 timestamp like "2026-01-31T09:30:00.000Z", got ${JSON.stringify(value)}`,
    );
  }
  const iso = new Date(epoch).toISOString();
  return field.type === 'date' ? iso.slice(0, 10) : iso;
}

/**
 * The cell to store for `value` written to `field` (undefined clears it); `current` is the
 * cell before the write (attachments keep the ones referenced by id). Throws the AirtableError
 * Airtable would answer with.
 */
export function cellFromInput(
  plan: WritePlan,
  field: FieldModel,
  value: unknown,
  current: unknown,
): unknown {
  if (isComputed(field)) throw airtableErrors.computedField(field.name);
  if (value === null || value === undefined) return undefined;
  switch (field.type) {
    case 'singleLineText':
    case 'multilineText':
    case 'email':
    case 'url':
    case 'phoneNumber':
      return textCell(plan, field, value);
    case 'number':
    case 'currency':
    case 'percent':
      return numberCell(plan, field, value);
    case 'rating':
      return ratingCell(plan, field, value);
    case 'checkbox':
      return checkboxCell(plan, field, value);
    case 'singleSelect':
      return value === '' ? undefined : choiceName(plan, field, value);
    case 'multipleSelects':
      return multiSelectCell(plan, field, value);
    case 'date':
    case 'dateTime':
      return value === '' ? undefined : dateCell(plan, field, value);
    case 'multipleRecordLinks': {
      const linked = tableById(plan.base, linkTargetOf(field).linkedTableId);
      return writeLinkCell(plan, field, linked, value);
    }
    case 'multipleAttachments':
      return attachmentsFromInput(field, value, current);
    default:
      return invalid(field, `fields of type ${field.type} cannot be written`);
  }
}
