import type { BaseOutline } from '../dashboard/base-outline.ts';

/** Props of {@link BasesSection}. */
export interface BasesSectionProps {
  readonly allowedBaseIds: readonly string[];
  /** The bases by name with their tables; null until loaded or when they cannot be read. */
  readonly outline: readonly BaseOutline[] | null;
}

/** The bases the workspace may use, by name with their tables once the Airtable API answers. */
export function BasesSection({ allowedBaseIds, outline }: BasesSectionProps) {
  return (
    <section aria-labelledby="bases-heading">
      <h2 id="bases-heading">Bases</h2>
      {allowedBaseIds.length === 0 && (
        <p>Every base of the organisation’s Airtable token may be used.</p>
      )}
      {outline !== null ? (
        <ul class="bases">
          {outline.map((base) => (
            <li key={base.id}>
              <strong>{base.name}</strong> <code>{base.id}</code>
              {base.tables === null ? (
                <p class="muted">Its tables cannot be read right now.</p>
              ) : (
                <ul class="tables" aria-label={`Tables of ${base.name}`}>
                  {base.tables.map((table) => (
                    <li key={table}>{table}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      ) : (
        allowedBaseIds.length > 0 && (
          <ul>
            {allowedBaseIds.map((baseId) => (
              <li key={baseId}>
                <code>{baseId}</code>
              </li>
            ))}
          </ul>
        )
      )}
    </section>
  );
}
