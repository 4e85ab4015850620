import type { PlatformApi } from '../api/platform-api.ts';

/** A base by name with its tables' names; `tables` is null when its schema could not be read. */
export interface BaseOutline {
  readonly id: string;
  readonly name: string;
  readonly tables: readonly string[] | null;
}

/**
 * The workspace's bases with their table names: one request for the list, then the schemas
 * (table ids and names only) in parallel. One unreadable schema leaves that base without
 * tables rather than hiding every base.
 */
export async function loadBaseOutline(
  api: Pick<PlatformApi, 'bases' | 'baseTables'>,
  workspaceId: string,
): Promise<BaseOutline[]> {
  const { bases } = await api.bases(workspaceId);
  return Promise.all(
    bases.map(async (base) => {
      try {
        const { tables } = await api.baseTables(workspaceId, base.id);
        return { id: base.id, name: base.name, tables: tables.map((table) => table.name) };
      } catch {
        return { id: base.id, name: base.name, tables: null };
      }
    }),
  );
}
