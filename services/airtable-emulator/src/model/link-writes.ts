/**
 * Keeps record links consistent in both directions, as Airtable does: linking a contact to a
 * company also lists the contact in the company's inverse link field, unlinking removes it, and
 * a deleted record disappears from every link that held it.
 */
import { tableById } from './emulator-state.ts';
import { linkTargetOf } from './field-options.ts';
import type { BaseModel, FieldModel, RecordModel, TableModel } from './model-types.ts';

/** A record and its table. */
export interface TableRecord {
  readonly table: TableModel;
  readonly record: RecordModel;
}

/** The record ids in a link cell. */
export function linkIds(cell: unknown): string[] {
  return Array.isArray(cell) ? cell.filter((id): id is string => typeof id === 'string') : [];
}

/** The field on the other side of `field`, or undefined when the link has none (self-links). */
function inverseOf(base: BaseModel, table: TableModel, field: FieldModel) {
  const target = linkTargetOf(field);
  const linked = tableById(base, target.linkedTableId);
  const inverseId = target.inverseLinkFieldId;
  if (inverseId === undefined || (linked.id === table.id && inverseId === field.id)) {
    return { linked, inverseId: undefined };
  }
  return { linked, inverseId };
}

function removeLink(record: RecordModel, fieldId: string, id: string): void {
  const remaining = linkIds(record.cells.get(fieldId)).filter((linked) => linked !== id);
  if (remaining.length === 0) record.cells.delete(fieldId);
  else record.cells.set(fieldId, remaining);
}

function addLink(record: RecordModel, fieldId: string, id: string): void {
  const current = linkIds(record.cells.get(fieldId));
  if (!current.includes(id)) record.cells.set(fieldId, [...current, id]);
}

/**
 * Sets `record`'s link cell to `ids` and updates the inverse cell of every record linked or
 * unlinked. Returns those records; their last-modified time moves to `now`, as in Airtable.
 */
export function setLinks(
  base: BaseModel,
  table: TableModel,
  field: FieldModel,
  record: RecordModel,
  ids: readonly string[],
  now: number,
): TableRecord[] {
  const before = linkIds(record.cells.get(field.id));
  const unique = [...new Set(ids)];
  if (unique.length === 0) record.cells.delete(field.id);
  else record.cells.set(field.id, unique);
  const { linked, inverseId } = inverseOf(base, table, field);
  if (inverseId === undefined) return [];
  const touched: TableRecord[] = [];
  const touch = (id: string, change: (other: RecordModel) => void) => {
    const other = linked.records.get(id);
    if (other === undefined) return;
    change(other);
    other.lastModifiedTime = now;
    touched.push({ table: linked, record: other });
  };
  for (const id of before) {
    if (!unique.includes(id))
      touch(id, (other) => {
        removeLink(other, inverseId, record.id);
      });
  }
  for (const id of unique) {
    if (!before.includes(id))
      touch(id, (other) => {
        addLink(other, inverseId, record.id);
      });
  }
  return touched;
}

/**
 * Removes a record that is being deleted from every link holding it. Returns the records whose
 * links changed.
 */
export function unlinkRecord(
  base: BaseModel,
  table: TableModel,
  record: RecordModel,
  now: number,
): TableRecord[] {
  const touched: TableRecord[] = [];
  for (const field of table.fields) {
    if (field.type !== 'multipleRecordLinks') continue;
    const { inverseId } = inverseOf(base, table, field);
    if (inverseId === undefined) {
      // No inverse cell lists who links here: look through the table itself.
      for (const other of table.records.values()) {
        if (other.id !== record.id && linkIds(other.cells.get(field.id)).includes(record.id)) {
          removeLink(other, field.id, record.id);
          other.lastModifiedTime = now;
          touched.push({ table, record: other });
        }
      }
      continue;
    }
    touched.push(...setLinks(base, table, field, record, [], now));
  }
  return touched;
}
