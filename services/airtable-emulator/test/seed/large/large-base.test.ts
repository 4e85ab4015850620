import { describe, expect, it } from 'vitest';
import { generateLargeBase } from '../../../src/seed/large/large-base.ts';
import type { LargeBaseOptions } from '../../../src/seed/large/large-base.ts';
import { seedProblems } from '../../../src/seed/seed-problems.ts';

const small: LargeBaseOptions = { seed: 11, tables: 4, fieldsPerTable: 20, recordsPerTable: 60 };

describe('generateLargeBase', () => {
  it('makes the requested tables, fields and records', () => {
    const base = generateLargeBase({ ...small, recordsPerTable: [10, 0, 25, 40] });
    expect(base.tables).toHaveLength(4);
    expect(base.tables.every((table) => table.fields.length === 20)).toBe(true);
    expect(base.tables.map((table) => table.records.length)).toEqual([10, 0, 25, 40]);
  });

  it('never repeats an id anywhere in the base', () => {
    const base = generateLargeBase({ ...small, tables: 12, recordsPerTable: 300 });
    const ids = [
      base.id,
      ...base.tables.flatMap((table) => [
        table.id,
        ...table.fields.map((field) => field.id),
        ...table.views.map((view) => view.id),
        ...table.records.map((record) => record.id),
      ]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('passes every seed check, links between neighbouring tables included', () => {
    expect(seedProblems(generateLargeBase(small))).toEqual([]);
  });

  it('gives the same base for the same seed and another for another seed', () => {
    const text = JSON.stringify(generateLargeBase(small));
    expect(JSON.stringify(generateLargeBase(small))).toBe(text);
    expect(JSON.stringify(generateLargeBase({ ...small, seed: 12 }))).not.toBe(text);
  });

  it('mixes stored, linked and computed field types', () => {
    const types = new Set(generateLargeBase(small).tables[1]?.fields.map((field) => field.type));
    for (const type of ['number', 'singleSelect', 'date', 'checkbox', 'formula']) {
      expect(types).toContain(type);
    }
    expect(types).toContain('multipleRecordLinks');
  });

  it('uses the given base id and name without changing any other id', () => {
    const base = generateLargeBase({ ...small, baseId: 'appLoadTest000001', name: 'Load' });
    expect(base.id).toBe('appLoadTest000001');
    expect(base.name).toBe('Load');
    const { tables } = generateLargeBase(small);
    expect(base.tables[2]?.records[5]?.id).toBe(tables[2]?.records[5]?.id);
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateLargeBase({ ...small, fieldsPerTable: 2 })).toThrow(RangeError);
    expect(() => generateLargeBase({ ...small, tables: 0 })).toThrow(RangeError);
    expect(() => generateLargeBase({ ...small, recordsPerTable: [1, 2] })).toThrow(RangeError);
    expect(() => generateLargeBase({ ...small, baseId: 'base1' })).toThrow(RangeError);
  });
});
