/**
 * Renders a record as the API returns it: `{id, createdTime, fields}` with empty cells left
 * out, fields keyed by name (or id with `returnFieldsByFieldId`), only the requested fields,
 * cells as JSON or, with `cellFormat=string`, as the text Airtable shows.
 */
import { cellText } from './cell-text.ts';
import type { TextFormat } from './cell-text.ts';
import { isoDate } from './formula-values.ts';
import type { BaseModel, FieldModel, RecordModel, TableModel } from './model-types.ts';
import { isEmptyCell } from '../seed/empty-values.ts';

/** How to render records. */
export interface RenderOptions {
  /** The fields to include; all when undefined. */
  readonly fields?: readonly FieldModel[] | undefined;
  readonly byFieldId: boolean;
  /** Render cells as strings in this time zone and locale; JSON when undefined. */
  readonly text?: TextFormat | undefined;
  /** Adds `commentCount` (`recordMetadata[]=commentCount`). */
  readonly commentCount?: ((recordId: string) => number) | undefined;
}

/** A record as the API returns it. */
export interface RenderedRecord {
  readonly id: string;
  readonly createdTime: string;
  readonly fields: Record<string, unknown>;
  readonly commentCount?: number;
}

/** The JSON cell of `field` in `record`, including the values derived from record metadata. */
export function cellOf(field: FieldModel, record: RecordModel): unknown {
  switch (field.type) {
    case 'autoNumber':
      return record.autoNumber;
    case 'createdTime':
      return isoDate(record.createdTime, true);
    case 'lastModifiedTime':
      return isoDate(record.lastModifiedTime, true);
    default:
      return record.cells.get(field.id);
  }
}

/** Renders `record` of `table`. */
export function renderRecord(
  base: BaseModel,
  table: TableModel,
  record: RecordModel,
  options: RenderOptions,
): RenderedRecord {
  const fields: Record<string, unknown> = {};
  for (const field of options.fields ?? table.fields) {
    const json = cellOf(field, record);
    if (isEmptyCell(json)) continue;
    const value = options.text === undefined ? json : cellText(base, field, record, options.text);
    if (value === '') continue;
    fields[options.byFieldId ? field.id : field.name] = value;
  }
  const rendered = { id: record.id, createdTime: isoDate(record.createdTime, true), fields };
  return options.commentCount === undefined
    ? rendered
    : { ...rendered, commentCount: options.commentCount(record.id) };
}
