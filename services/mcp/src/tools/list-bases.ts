import type { BaseSummary } from '@pyairtable/airtable-access';
import { z } from 'zod';
import { defineTool } from './define-tool.ts';
import { READ_ONLY } from './shared-schemas.ts';

// Airtable pages the bases list; a token rarely sees more than a few pages.
const MAX_PAGES = 20;

/** list_bases: the bases of the workspace (only those it allows) with their names. */
export const listBasesTool = defineTool({
  name: 'list_bases',
  title: 'List bases',
  description:
    'Lists the Airtable bases this workspace may use, with id, name and permission level. Call it first to find a base id; other tools refuse bases not listed here.',
  inputSchema: {},
  outputSchema: {
    bases: z.array(z.object({ id: z.string(), name: z.string(), permissionLevel: z.string() })),
  },
  annotations: READ_ONLY,
  async run(scope) {
    const allowed = new Set(scope.allowedBaseIds);
    const bases: BaseSummary[] = [];
    let offset: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const list = await scope.airtable.listBases(offset === undefined ? {} : { offset });
      bases.push(...list.bases.filter((base) => allowed.has(base.id)));
      offset = list.offset;
      if (offset === undefined) break;
    }
    const data = {
      bases: bases.map(({ id, name, permissionLevel }) => ({ id, name, permissionLevel })),
    };
    return { summary: `${String(bases.length)} base(s) available.`, data };
  },
});
