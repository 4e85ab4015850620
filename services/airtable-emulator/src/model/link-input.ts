/**
 * Reads the value written to a link field: an array of record ids of the linked table. With
 * `typecast`, names stand for the records whose primary field has that value, and a name no
 * record has becomes a new record in the linked table (created once the request is valid).
 */
import { airtableErrors } from '../airtable-errors.ts';
import type { WritePlan } from './cell-input.ts';
import type { FieldModel, RecordModel, TableModel } from './model-types.ts';
import { primaryField } from './model-types.ts';
import { isIdOf, newId } from './new-ids.ts';

/** The primary field of `record` as text, for matching typecast names. */
function primaryText(table: TableModel, record: RecordModel): string | undefined {
  const primary = primaryField(table);
  if (primary.type === 'autoNumber') return String(record.autoNumber);
  const cell = record.cells.get(primary.id);
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  return undefined;
}

function recordIdForName(plan: WritePlan, linked: TableModel, name: string): string {
  for (const record of linked.records.values()) {
    if (primaryText(linked, record) === name) return record.id;
  }
  const pending = plan.newLinkedRecords.get(linked.id) ?? new Map<string, string>();
  plan.newLinkedRecords.set(linked.id, pending);
  let id = pending.get(name);
  if (id === undefined) {
    id = newId('rec');
    pending.set(name, id);
  }
  return id;
}

function isPendingId(plan: WritePlan, linked: TableModel, id: string): boolean {
  return [...(plan.newLinkedRecords.get(linked.id)?.values() ?? [])].includes(id);
}

/** The link cell to store for `value` written to `field`, which links to `linked`. */
export function writeLinkCell(
  plan: WritePlan,
  field: FieldModel,
  linked: TableModel,
  value: unknown,
): string[] | undefined {
  const items = plan.typecast && typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items)) {
    throw airtableErrors.invalidValue(field.name, 'expected an array of record ids');
  }
  const ids = items.map((item: unknown) => {
    if (typeof item !== 'string') {
      throw airtableErrors.invalidValue(field.name, 'expected an array of record ids');
    }
    if (linked.records.has(item) || isPendingId(plan, linked, item)) return item;
    if (isIdOf('rec', item)) throw airtableErrors.linkedRowDoesNotExist(item, linked.name);
    if (plan.typecast && item.trim() !== '') return recordIdForName(plan, linked, item.trim());
    throw airtableErrors.invalidValue(
      field.name,
      `expected record ids of table ${linked.name}, got ${JSON.stringify(item)}`,
    );
  });
  const unique = [...new Set(ids)];
  return unique.length === 0 ? undefined : unique;
}
