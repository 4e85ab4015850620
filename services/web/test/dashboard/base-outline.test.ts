import { describe, expect, it } from 'vitest';
import type { AirtableBase, BaseTables } from '../../src/api/platform-api.ts';
import { loadBaseOutline } from '../../src/dashboard/base-outline.ts';

const bases: AirtableBase[] = [
  { id: 'appSales', name: 'Sales CRM', permissionLevel: 'create' },
  { id: 'appHr', name: 'People', permissionLevel: 'read' },
];

describe('loadBaseOutline', () => {
  it('lists each base by name with its table names, asking in the workspace', async () => {
    const asked: string[] = [];
    const outline = await loadBaseOutline(
      {
        bases: (workspaceId) => {
          asked.push(`bases ${workspaceId}`);
          return Promise.resolve({ bases });
        },
        baseTables: (workspaceId, baseId) => {
          asked.push(`tables ${workspaceId} ${baseId}`);
          const tables: BaseTables['tables'] =
            baseId === 'appSales'
              ? [
                  { id: 'tbl1', name: 'Deals' },
                  { id: 'tbl2', name: 'Companies' },
                ]
              : [{ id: 'tbl3', name: 'Staff' }];
          return Promise.resolve({ baseId, tables });
        },
      },
      'ws1',
    );
    expect(outline).toEqual([
      { id: 'appSales', name: 'Sales CRM', tables: ['Deals', 'Companies'] },
      { id: 'appHr', name: 'People', tables: ['Staff'] },
    ]);
    expect(asked).toContain('tables ws1 appHr');
  });

  it('keeps a base whose schema cannot be read, without tables', async () => {
    const outline = await loadBaseOutline(
      {
        bases: () => Promise.resolve({ bases }),
        baseTables: (_workspaceId, baseId) =>
          baseId === 'appHr'
            ? Promise.reject(new Error('503'))
            : Promise.resolve({ baseId, tables: [{ id: 'tbl1', name: 'Deals' }] }),
      },
      'ws1',
    );
    expect(outline.map((base) => base.tables)).toEqual([['Deals'], null]);
  });
});
