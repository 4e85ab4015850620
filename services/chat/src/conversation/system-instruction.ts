import type { SharedStore } from '@pyairtable/kit';
import type { Workspace } from '@pyairtable/registry';
import type { WorkspaceTools } from '../mcp/workspace-tools.ts';

const BASES_TTL_MS = 5 * 60_000;

interface BaseOutline {
  readonly id: string;
  readonly name: string;
  readonly tables: readonly string[];
}

/**
 * The system instruction: what the assistant is, how to use the tools, and a compact outline
 * of the workspace's bases (names and table names only, so a large base still fits) so the
 * model can usually skip the discovery calls. The outline is cached per workspace.
 */
export async function systemInstruction(
  workspace: Workspace,
  tools: WorkspaceTools,
  store: SharedStore,
  options: { readonly truncatedHistory: boolean },
): Promise<string> {
  const outline = await store.getOrLoad(`chat:bases:${workspace.id}`, BASES_TTL_MS, async () => {
    const loaded = await loadOutline(tools);
    return loaded.map((base) => ({ id: base.id, name: base.name, tables: [...base.tables] }));
  });
  const bases =
    outline.length === 0
      ? 'The workspace has no bases yet.'
      : (outline as readonly BaseOutline[])
          .map((base) => `- ${base.name} (${base.id}): ${base.tables.join(', ') || 'no tables'}`)
          .join('\n');
  return [
    `You are PyAirtable's assistant for the workspace "${workspace.displayName}". You answer questions about its Airtable data using the tools, and only the tools: never invent records or numbers.`,
    'Use aggregate_records for counts, sums and averages instead of counting pages of list_records. Ask list_records for the fields you need only. When a tool answers with an error, read it: it says how to fix the call.',
    'Answer concisely in the language of the question; use short lists or tables for records.',
    `Bases you can use:\n${bases}`,
    ...(options.truncatedHistory
      ? ['Earlier messages of this conversation were left out to save space.']
      : []),
  ].join('\n\n');
}

async function loadOutline(tools: WorkspaceTools): Promise<BaseOutline[]> {
  const controller = new AbortController();
  const listed = await tools.call('list_bases', {}, controller.signal);
  const bases =
    (listed.value as { bases?: { id: string; name: string }[] } | undefined)?.bases ?? [];
  return Promise.all(
    bases.slice(0, 20).map(async (base) => {
      const schema = await tools.call(
        'get_base_schema',
        { baseId: base.id, detail: 'tableIds' },
        controller.signal,
      );
      const tables = (schema.value as { tables?: { name: string }[] } | undefined)?.tables ?? [];
      return { id: base.id, name: base.name, tables: tables.map((table) => table.name) };
    }),
  );
}
