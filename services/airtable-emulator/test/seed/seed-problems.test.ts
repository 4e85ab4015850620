import { describe, expect, it } from 'vitest';
import { createFieldFactory, gridView } from '../../src/seed/field-factory.ts';
import type { SeedBase, SeedRecord, SeedTable } from '../../src/seed/seed-format.ts';
import { seedProblems } from '../../src/seed/seed-problems.ts';

const SHOPS = 'tblShops000000001';
const ITEMS = 'tblItems000000001';
const shop = createFieldFactory(SHOPS);
const item = createFieldFactory(ITEMS);

const shops: SeedTable = {
  id: SHOPS,
  name: 'Shops',
  fields: [
    shop.text('Name'),
    shop.link('Items', ITEMS, 'Shop'),
    shop.count('Item Count', 'Items'),
    shop.rollup('Stock', 'Items', ITEMS, 'Quantity', 'SUM(values)'),
  ],
  views: [gridView(SHOPS, 'All shops')],
  records: [{ id: 'recShop0000000001', fields: { Name: 'Corner', Items: ['recItem0000000001'] } }],
};

const items: SeedTable = {
  id: ITEMS,
  name: 'Items',
  fields: [
    item.text('Name'),
    item.link('Shop', SHOPS, 'Items', true),
    item.number('Quantity'),
    item.select('Colour', ['Red', 'Blue']),
    item.formula('Double', '{Quantity} * 2'),
  ],
  views: [gridView(ITEMS, 'Red', { filterByFormula: "{Colour} = 'Red'" })],
  records: [
    {
      id: 'recItem0000000001',
      fields: { Name: 'Mug', Shop: ['recShop0000000001'], Quantity: 3, Colour: 'Red' },
    },
  ],
};

const valid: SeedBase = { id: 'appShop0000000001', name: 'Shop', tables: [shops, items] };

function withItem(fields: SeedRecord['fields'], table: Partial<SeedTable> = {}): SeedBase {
  return {
    ...valid,
    tables: [shops, { ...items, ...table, records: [{ id: 'recItem0000000001', fields }] }],
  };
}

const mug = items.records[0]?.fields ?? {};

describe('seedProblems', () => {
  it('finds nothing wrong with a consistent base', () => {
    expect(seedProblems(valid)).toEqual([]);
  });

  it('reports a cell for a field the table does not have', () => {
    expect(seedProblems(withItem({ ...mug, Size: 'L' })).join()).toContain('Size is not a field');
  });

  it('reports a stored value for a computed field', () => {
    expect(seedProblems(withItem({ ...mug, Double: 6 })).join()).toContain('Double is computed');
  });

  it('reports a select value that is not one of the choices', () => {
    expect(seedProblems(withItem({ ...mug, Colour: 'Green' })).join()).toContain(
      '"Green" is not one of its choices',
    );
  });

  it('reports a link to a record that does not exist', () => {
    const problems = seedProblems(withItem({ ...mug, Shop: ['recNope0000000001'] }));
    expect(problems.join()).toContain('links to recNope0000000001, not a record of Shops');
  });

  it('reports a link the linked record does not mirror', () => {
    const lonely: SeedBase = {
      ...valid,
      tables: [
        { ...shops, records: [{ id: 'recShop0000000001', fields: { Name: 'Corner' } }] },
        items,
      ],
    };
    expect(seedProblems(lonely).join()).toContain('does not link back through Items');
  });

  it('reports views and formulas naming fields that do not exist', () => {
    const problems = seedProblems(
      withItem(mug, {
        views: [gridView(ITEMS, 'Old', { sort: [{ field: 'Price', direction: 'asc' }] })],
        fields: [...items.fields, item.formula('Total', '{Price} * {Quantity}')],
      }),
    );
    expect(problems).toEqual([
      'Items.Total: names a field Price that does not exist',
      'Items view Old: no field named Price',
    ]);
  });

  it('reports malformed and repeated ids and empty cells', () => {
    const problems = seedProblems({ ...withItem({ ...mug, Quantity: undefined }), id: 'base1' });
    expect(problems.join()).toContain('id "base1" is not app');
    expect(problems.join()).toContain('Quantity is empty');
    const twice = { ...valid, tables: [shops, { ...items, id: SHOPS }] };
    expect(seedProblems(twice).join()).toContain(`id ${SHOPS} is used twice`);
  });
});
