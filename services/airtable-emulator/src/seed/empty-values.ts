/**
 * Airtable leaves empty cells out of a record (no `false`, `""` or `[]`); generators build a
 * cell map with maybe-empty values and drop the empty ones here so seeds look like API output.
 */

/** True for a value Airtable treats as an empty cell. */
export function isEmptyCell(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** `fields` without its empty cells. */
export function withoutEmptyCells(
  fields: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (!isEmptyCell(value)) kept[name] = value;
  }
  return kept;
}
