/**
 * Attachment cells hold metadata only: the emulator never downloads the file. A write gives
 * `{url, filename?}` for new files and `{id}` for attachments already in the cell, which are
 * kept as they were (Airtable's way of keeping some attachments while adding others).
 */
import { airtableErrors } from '../airtable-errors.ts';
import type { FieldModel } from './model-types.ts';
import { newId } from './new-ids.ts';

type Attachment = Record<string, unknown> & { id: string };

function existingAttachments(current: unknown): Map<string, Attachment> {
  const byId = new Map<string, Attachment>();
  if (!Array.isArray(current)) return byId;
  for (const item of current) {
    if (typeof item === 'object' && item !== null && 'id' in item) {
      const attachment = item as Attachment;
      byId.set(attachment.id, attachment);
    }
  }
  return byId;
}

function filenameOf(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || 'file';
  } catch {
    return 'file';
  }
}

/** The attachment cell for `value` written to `field`, given the cell before the write. */
export function attachmentsFromInput(
  field: FieldModel,
  value: unknown,
  current: unknown,
): Attachment[] | undefined {
  if (!Array.isArray(value)) {
    throw airtableErrors.invalidValue(field.name, 'expected an array of attachment objects');
  }
  const kept = existingAttachments(current);
  const attachments = value.map((item: unknown): Attachment => {
    if (typeof item !== 'object' || item === null) {
      throw airtableErrors.invalidValue(field.name, 'expected attachment objects with a url');
    }
    const given = item as Record<string, unknown>;
    const id = given['id'];
    if (typeof id === 'string' && kept.has(id)) return kept.get(id) as Attachment;
    const url = given['url'];
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
      throw airtableErrors.invalidValue(field.name, 'each new attachment needs an http(s) url');
    }
    const filename = typeof given['filename'] === 'string' ? given['filename'] : filenameOf(url);
    return { id: newId('att'), url, filename };
  });
  return attachments.length === 0 ? undefined : attachments;
}
