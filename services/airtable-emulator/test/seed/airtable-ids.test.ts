import { describe, expect, it } from 'vitest';
import { AIRTABLE_ID_PATTERN, createIdMaker, idForKey } from '../../src/seed/airtable-ids.ts';

describe('createIdMaker', () => {
  it('makes Airtable-shaped ids with the asked prefix', () => {
    const makeId = createIdMaker(1);
    expect(makeId('rec')).toMatch(/^rec[A-Za-z0-9]{14}$/);
    expect(makeId('app')).toMatch(/^app[A-Za-z0-9]{14}$/);
    expect(makeId('sel')).toMatch(AIRTABLE_ID_PATTERN);
  });

  it('never repeats an id across 200k ids from one maker', () => {
    const makeId = createIdMaker(5);
    const ids = new Set(Array.from({ length: 200_000 }, () => makeId('rec')));
    expect(ids.size).toBe(200_000);
  });

  it('makes the same ids for the same seed and others for another seed', () => {
    const first = createIdMaker(9);
    const again = createIdMaker(9);
    const other = createIdMaker(10);
    const ids = [first('tbl'), first('fld')];
    expect([again('tbl'), again('fld')]).toEqual(ids);
    expect(other('tbl')).not.toBe(ids[0]);
  });
});

describe('idForKey', () => {
  it('gives a key the same id every time, and different keys different ids', () => {
    expect(idForKey('fld', 'tblX/Name')).toBe(idForKey('fld', 'tblX/Name'));
    expect(idForKey('fld', 'tblX/Name')).toMatch(/^fld[A-Za-z0-9]{14}$/);
    const ids = new Set(
      Array.from({ length: 20_000 }, (_, index) => idForKey('fld', `t/${index}`)),
    );
    expect(ids.size).toBe(20_000);
  });
});
