/**
 * Tables and fields as the metadata API returns them: `{id, name, description?,
 * primaryFieldId, fields, views}`, fields with `{id, name, type, description?, options?}`
 * (formula options carry their references as field ids) and views with `{id, name, type}`.
 */
import type { BaseModel, FieldModel, TableModel } from './model-types.ts';
import { primaryField } from './model-types.ts';

/** A field as the metadata API returns it. */
export interface RenderedField {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly options?: Record<string, unknown>;
}

/** A table as the metadata API returns it. */
export interface RenderedTable {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly primaryFieldId: string;
  readonly fields: RenderedField[];
  readonly views: { id: string; name: string; type: string }[];
}

/** Renders a field. */
export function renderField(field: FieldModel): RenderedField {
  const options = structuredClone(field.options);
  return {
    id: field.id,
    name: field.name,
    type: field.type,
    ...(field.description === undefined ? {} : { description: field.description }),
    ...(Object.keys(options).length === 0 ? {} : { options }),
  };
}

/** Renders a table with its fields and views. */
export function renderTable(table: TableModel): RenderedTable {
  return {
    id: table.id,
    name: table.name,
    ...(table.description === undefined ? {} : { description: table.description }),
    primaryFieldId: primaryField(table).id,
    fields: table.fields.map(renderField),
    views: table.views.map((view) => ({ id: view.id, name: view.name, type: view.type })),
  };
}

/** Renders every table of a base, for `GET /v0/meta/bases/{baseId}/tables`. */
export function renderBaseSchema(base: BaseModel): { tables: RenderedTable[] } {
  return { tables: base.tables.map(renderTable) };
}
