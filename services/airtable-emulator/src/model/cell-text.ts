/**
 * Cells as text, for `cellFormat=string`: what Airtable shows in the grid, with dates in the
 * request's time zone and locale. Airtable warns that these strings may change, so clients
 * should only display them; the emulator follows the field's formatting options closely
 * enough for that.
 */
import { formatFormulaValue } from '../formula/index.ts';
import type { FormulaValue } from '../formula/index.ts';
import { tableById } from './emulator-state.ts';
import {
  currencySymbolOf,
  dateFormatOf,
  linkTargetOf,
  precisionOf,
  timeFormatOf,
} from './field-options.ts';
import {
  asFormulaDate,
  cellFormulaValue,
  parseCellDate,
  primaryValueOf,
} from './formula-values.ts';
import { linkIds } from './link-writes.ts';
import type { BaseModel, FieldModel, RecordModel } from './model-types.ts';

/** The `timeZone` and `userLocale` a string rendering uses. */
export interface TextFormat {
  readonly timeZone: string;
  readonly userLocale: string;
}

/** Whether `timeZone` is one Intl knows (`utc`, `Europe/Paris`…). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Whether `locale` is a locale tag Intl accepts (`en`, `fr-ca`…). */
export function isKnownLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

function fixed(value: number, precision: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: precision,
    maximumFractionDigits: precision,
  }).format(value);
}

function dayParts(epochMs: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
  };
}

function formatDay(epochMs: number, field: FieldModel, format: TextFormat, timeZone: string) {
  const { year, month, day } = dayParts(epochMs, timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  switch (dateFormatOf(field)) {
    case 'us':
      return `${month}/${day}/${year}`;
    case 'european':
      return `${day}/${month}/${year}`;
    case 'friendly':
      return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'long' }).format(epochMs);
    case 'local':
      return new Intl.DateTimeFormat(format.userLocale, { timeZone, dateStyle: 'short' }).format(
        epochMs,
      );
    default:
      return `${year}-${pad(month)}-${pad(day)}`;
  }
}

function formatTime(epochMs: number, field: FieldModel, timeZone: string): string {
  const { hour, minute } = dayParts(epochMs, timeZone);
  const minutes = String(minute).padStart(2, '0');
  if (timeFormatOf(field) === '12hour') {
    return `${hour % 12 === 0 ? 12 : hour % 12}:${minutes}${hour < 12 ? 'am' : 'pm'}`;
  }
  return `${String(hour).padStart(2, '0')}:${minutes}`;
}

function attachmentText(attachment: unknown): string {
  const { filename, url } = (attachment ?? {}) as { filename?: unknown; url?: unknown };
  return `${typeof filename === 'string' ? filename : ''} (${typeof url === 'string' ? url : ''})`;
}

function valueText(value: FormulaValue): string {
  return value === null ? '' : formatFormulaValue(value);
}

/** The text of `field` in `record` (empty string for an empty cell). */
export function cellText(
  base: BaseModel,
  field: FieldModel,
  record: RecordModel,
  format: TextFormat,
): string {
  const cell = record.cells.get(field.id);
  switch (field.type) {
    case 'number':
      return typeof cell === 'number' ? fixed(cell, precisionOf(field), format.userLocale) : '';
    case 'currency': {
      if (typeof cell !== 'number') return '';
      const amount = fixed(Math.abs(cell), precisionOf(field), format.userLocale);
      return `${cell < 0 ? '-' : ''}${currencySymbolOf(field)}${amount}`;
    }
    case 'percent':
      return typeof cell === 'number'
        ? `${fixed(cell * 100, precisionOf(field), format.userLocale)}%`
        : '';
    case 'checkbox':
      return cell === true ? 'checked' : '';
    case 'multipleSelects':
      return Array.isArray(cell) ? cell.join(', ') : '';
    case 'date': {
      const epoch = typeof cell === 'string' ? parseCellDate(cell) : Number.NaN;
      return Number.isNaN(epoch) ? '' : formatDay(epoch, field, format, 'UTC');
    }
    case 'dateTime':
    case 'createdTime':
    case 'lastModifiedTime': {
      const value = asFormulaDate(cellFormulaValue(base, field, record));
      if (value === undefined) return '';
      return `${formatDay(value.epochMs, field, format, format.timeZone)} ${formatTime(value.epochMs, field, format.timeZone)}`;
    }
    case 'multipleRecordLinks': {
      const linked = tableById(base, linkTargetOf(field).linkedTableId);
      return linkIds(cell)
        .map((id) => valueText(primaryValueOf(base, linked, id)))
        .join(', ');
    }
    case 'multipleAttachments':
      return Array.isArray(cell) ? cell.map(attachmentText).join(', ') : '';
    case 'multipleLookupValues': {
      const value = cellFormulaValue(base, field, record);
      return Array.isArray(value)
        ? (value as readonly FormulaValue[]).map(valueText).join(', ')
        : valueText(value);
    }
    default:
      return valueText(cellFormulaValue(base, field, record));
  }
}
