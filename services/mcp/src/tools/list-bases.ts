import { z } from 'zod';
import { listAllowedBases } from './base-access.ts';
import { defineTool } from './define-tool.ts';
import { READ_ONLY } from './shared-schemas.ts';

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
    const bases = await listAllowedBases(scope);
    const data = {
      bases: bases.map(({ id, name, permissionLevel }) => ({ id, name, permissionLevel })),
    };
    return { summary: `${String(bases.length)} base(s) available.`, data };
  },
});
