import { AppError } from '@pyairtable/kit';
import { describe, expect, it } from 'vitest';
import {
  buildFilterFormula,
  searchFormula,
  type RecordFilter,
} from '../../src/formula/build-filter-formula.ts';
import { formulaSkeleton, formulaValues } from '../support/formula-tokens.ts';

const HOSTILE_TEXT = [
  '" & ERROR() & "',
  '\\" & ERROR() & \\"',
  'ends with a backslash \\',
  '\\',
  '"))) & ERROR() & (("',
  "it's",
  '} & ERROR() & {Amount',
  '{Amount}',
  'line\nbreak\r\tand tab',
  'literal \\n not a newline',
  '\u0000 and \u007f',
  'emoji 🚀 and accents é',
];

describe('buildFilterFormula', () => {
  it('builds the formula for a typical question', () => {
    const formula = buildFilterFormula({
      and: [
        { field: 'Stage', op: 'eq', value: 'Closed Won' },
        { field: 'Amount', op: 'gt', value: 10000 },
        { field: 'Name', op: 'contains', value: 'acme' },
      ],
    });

    expect(formula).toBe(
      'AND({Stage} = "Closed Won", {Amount} > 10000, FIND(LOWER("acme"), LOWER({Name}&"")) > 0)',
    );
  });

  it.each<[RecordFilter, string]>([
    [{ field: 'Stage', op: 'eq', value: 'Lead' }, '{Stage} = "Lead"'],
    [{ field: 'Stage', op: 'neq', value: 'Lead' }, '{Stage} != "Lead"'],
    [{ field: 'Amount', op: 'gte', value: -2.5 }, '{Amount} >= -2.5'],
    [{ field: 'Amount', op: 'lt', value: 0 }, '{Amount} < 0'],
    [{ field: 'Amount', op: 'lte', value: 7 }, '{Amount} <= 7'],
    [{ field: 'Done', op: 'eq', value: true }, '{Done} = TRUE()'],
    [{ field: 'Name', op: 'startsWith', value: 'Ac' }, 'FIND(LOWER("Ac"), LOWER({Name}&"")) = 1'],
    [{ field: 'Email', op: 'isEmpty' }, 'LEN({Email}&"") = 0'],
    [{ field: 'Email', op: 'isNotEmpty' }, 'LEN({Email}&"") > 0'],
    [
      { field: 'Stage', op: 'in', value: ['Lead', 'Closed Won', 3] },
      'OR({Stage} = "Lead", {Stage} = "Closed Won", {Stage} = 3)',
    ],
    [{ field: 'Stage', op: 'in', value: [] }, 'FALSE()'],
    [
      { field: 'Close', op: 'dateBefore', value: '2026-01-31' },
      'IS_BEFORE({Close}, DATETIME_PARSE("2026-01-31"))',
    ],
    [
      { field: 'Close', op: 'dateAfter', value: new Date(Date.UTC(2026, 0, 1)) },
      'IS_AFTER({Close}, DATETIME_PARSE("2026-01-01T00:00:00.000Z"))',
    ],
  ])('builds %j', (filter, expected) => {
    expect(buildFilterFormula(filter)).toBe(expected);
  });

  it('nests and, or and not', () => {
    const formula = buildFilterFormula({
      or: [
        { not: { field: 'Stage', op: 'eq', value: 'Lead' } },
        { and: [{ field: 'Amount', op: 'gt', value: 1 }, { or: [] }] },
      ],
    });

    expect(formula).toBe('OR(NOT({Stage} = "Lead"), AND({Amount} > 1, FALSE()))');
    expect(buildFilterFormula({ and: [] })).toBe('TRUE()');
  });

  it.each(HOSTILE_TEXT)('keeps the value %j inside its literal', (text) => {
    const formula = buildFilterFormula({
      and: [
        { field: 'Name', op: 'contains', value: text },
        { field: 'Stage', op: 'eq', value: text },
        { field: 'Stage', op: 'in', value: [text] },
      ],
    });

    expect(formulaSkeleton(formula)).toBe(
      'AND ( FIND ( LOWER ( "…" ) , LOWER ( {…} & "…" ) ) > 0 , {…} = "…" , OR ( {…} = "…" ) )',
    );
    expect(formulaValues(formula)).toEqual([text, 'Name', '', 'Stage', text, 'Stage', text]);
    expect(formula).not.toMatch(/\n|\r|\t/);
  });

  it.each(['Name}', '}} & ERROR() & {{', '{Stage}', 'Na"me', 'Amount) & ERROR(', "O'Brien"])(
    'keeps the field name %j inside its reference',
    (field) => {
      const formula = buildFilterFormula({
        or: [
          { field, op: 'eq', value: '} & ERROR() & {' },
          { field, op: 'isEmpty' },
        ],
      });

      expect(formulaSkeleton(formula)).toBe('OR ( {…} = "…" , LEN ( {…} & "…" ) = 0 )');
      expect(formulaValues(formula)).toEqual([field, '} & ERROR() & {', field, '']);
    },
  );

  it.each<[string, unknown]>([
    ['an unknown operator', { field: 'Name', op: 'like', value: 'x' }],
    ['a missing field', { op: 'eq', value: 'x' }],
    ['a number compared as text', { field: 'Amount', op: 'gt', value: '10000' }],
    ['NaN', { field: 'Amount', op: 'gt', value: Number.NaN }],
    ['Infinity', { field: 'Amount', op: 'eq', value: Number.POSITIVE_INFINITY }],
    ['an exponent', { field: 'Amount', op: 'lt', value: 1e21 }],
    ['an object value', { field: 'Name', op: 'eq', value: { raw: 'ERROR()' } }],
    ['null', { field: 'Name', op: 'eq', value: null }],
    ['a non-date', { field: 'Close', op: 'dateAfter', value: 'next tuesday' }],
    ['in without a list', { field: 'Stage', op: 'in', value: 'Lead' }],
    ['a backslash in a field name', { field: 'A\\', op: 'eq', value: 'x' }],
    ['a control character in a field name', { field: 'A\nB', op: 'isEmpty' }],
    ['an empty field name', { field: '', op: 'isEmpty' }],
    ['a list as a filter', [{ field: 'Name', op: 'isEmpty' }]],
    ['and without a list', { and: { field: 'Name', op: 'isEmpty' } }],
  ])('refuses %s', (_, filter) => {
    const attempt = () => buildFilterFormula(filter as RecordFilter);

    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'AIRTABLE_INVALID_ARGUMENT' }));
  });

  it('refuses filters nested too deeply or with too many conditions', () => {
    let deep: RecordFilter = { field: 'Name', op: 'isEmpty' };
    for (let level = 0; level < 11; level += 1) deep = { not: deep };
    const wide: RecordFilter = {
      or: Array.from({ length: 101 }, () => ({ field: 'Name', op: 'isEmpty' as const })),
    };

    expect(() => buildFilterFormula(deep)).toThrow(/deeper than 10/);
    expect(() => buildFilterFormula(wide)).toThrow(/more than 100 conditions/);
  });
});

describe('searchFormula', () => {
  it('searches several fields case-insensitively', () => {
    expect(searchFormula('Acme', ['Name', 'Notes'])).toBe(
      'OR(FIND(LOWER("Acme"), LOWER({Name}&"")) > 0, FIND(LOWER("Acme"), LOWER({Notes}&"")) > 0)',
    );
    expect(searchFormula('Acme', ['Name'])).toBe('FIND(LOWER("Acme"), LOWER({Name}&"")) > 0');
  });

  it('matches everything for an empty text and needs a field', () => {
    expect(searchFormula('', ['Name'])).toBe('TRUE()');
    expect(() => searchFormula('x', [])).toThrow(AppError);
  });

  it.each(HOSTILE_TEXT)('keeps the search text %j inside its literals', (text) => {
    const formula = searchFormula(text, ['Name', 'Notes}']);

    expect(formulaSkeleton(formula)).toBe(
      'OR ( FIND ( LOWER ( "…" ) , LOWER ( {…} & "…" ) ) > 0 , FIND ( LOWER ( "…" ) , LOWER ( {…} & "…" ) ) > 0 )',
    );
    expect(formulaValues(formula)).toEqual([text, 'Name', '', text, 'Notes}', '']);
  });
});
