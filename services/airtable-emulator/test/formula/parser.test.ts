import { describe, expect, it } from 'vitest';
import { FormulaSyntaxError, parseFormula } from '../../src/formula/index.ts';
import { run } from './support/run-formula.ts';

function syntaxErrorOf(source: string): FormulaSyntaxError {
  try {
    parseFormula(source);
  } catch (thrown) {
    if (thrown instanceof FormulaSyntaxError) return thrown;
    throw thrown;
  }
  throw new Error(`${source} parsed without error`);
}

describe('parseFormula precedence', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['24 / 4 / 2', 3],
    ['-2 * 3', -6],
    ['- (1 + 2)', -3],
    ['2 - -3', 5],
  ])('%s is %s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('binds & looser than arithmetic and tighter than comparisons', () => {
    expect(run('"a" & 1 + 2')).toBe('a3');
    expect(run('"x" & "y" = "xy"')).toBe(true);
    expect(run('1 + 1 = 2')).toBe(true);
  });

  it('builds comparisons at the top of the tree', () => {
    expect(parseFormula('{A} + 1 >= 2 * 3')).toMatchObject({
      kind: 'binary',
      operator: '>=',
      left: { kind: 'binary', operator: '+' },
      right: { kind: 'binary', operator: '*' },
    });
  });
});

describe('parseFormula syntax', () => {
  it('reads function names in any case and stores them upper-cased', () => {
    expect(parseFormula('if(1, "a", "b")')).toMatchObject({ kind: 'call', name: 'IF' });
    expect(run('Upper("abc")')).toBe('ABC');
  });

  it('allows whitespace and newlines anywhere between tokens', () => {
    expect(run('\n  IF (\n    {n} > 1 ,\n    "big" ,\n    "small"\n  )\n', { n: 5 })).toBe('big');
  });

  it('reads TRUE and FALSE with and without parentheses', () => {
    expect(run('TRUE')).toBe(true);
    expect(run('false')).toBe(false);
    expect(run('TRUE()')).toBe(true);
    expect(run('FALSE()')).toBe(false);
  });

  it('reads bare names as field references, such as a rollup’s values', () => {
    expect(parseFormula('values')).toEqual({ kind: 'field', name: 'values', position: 0 });
    expect(run('Price * Quantity', { Price: 2.5, Quantity: 4 })).toBe(10);
  });

  it('reads numbers with decimals and exponents', () => {
    expect(run('.5 + 1.25 + 2e3')).toBe(2001.75);
  });

  it('reads single- and double-quoted strings with escapes', () => {
    expect(run(`'it\\'s'`)).toBe("it's");
    expect(run(`"say \\"hi\\""`)).toBe('say "hi"');
    expect(run(`"back\\\\slash"`)).toBe('back\\slash');
    expect(run(`"line\\nbreak"`)).toBe('line\nbreak');
    expect(run(`"don't"`)).toBe("don't");
  });

  it('keeps a backslash before other characters, for regex patterns', () => {
    expect(run(`"\\d+"`)).toBe('\\d+');
  });

  it('reads field names with spaces, punctuation and escaped closing braces', () => {
    expect(run('{Unit Price (€)} * 2', { 'Unit Price (€)': 3 })).toBe(6);
    expect(parseFormula('{a\\}b}')).toEqual({ kind: 'field', name: 'a}b', position: 0 });
  });
});

describe('formula injection', () => {
  it('keeps an escaped quote and what follows inside the string', () => {
    expect(run(`"a\\" & 1"`)).toBe('a" & 1');
  });

  it('never runs a function call written inside a quoted value', () => {
    const quoted = `'x\\' & RECORD_ID() & \\''`;
    expect(run(`{Name} = ${quoted}`, { Name: "x' & RECORD_ID() & '" })).toBe(true);
    expect(parseFormula(`{Name} = ${quoted}`)).toMatchObject({
      right: { kind: 'string', value: "x' & RECORD_ID() & '" },
    });
  });

  it('rejects an unescaped quote that would close the string early', () => {
    expect(syntaxErrorOf(`{Name} = "a" & 1"`).message).toBe(
      'Unterminated string starting at position 16',
    );
  });
});

describe('parseFormula errors', () => {
  it.each([
    ['IF(1, 2', "Expected ')' at position 7"],
    ['1 + FOOBAR(2)', 'Unknown function FOOBAR at position 4'],
    ['LOWER("abc', 'Unterminated string starting at position 6'],
    ['{Name = 1', 'Unterminated field reference starting at position 0'],
    ['{} = 1', 'Empty field reference at position 0'],
    ['1 + ', 'Unexpected end of formula at position 4'],
    ['1 2', 'Unexpected number 2 at position 2'],
    ['(1 + 2))', "Unexpected ')' at position 7"],
    ['1 # 2', "Unexpected character '#' at position 2"],
    ['IF(1,, 2)', "Unexpected ',' at position 5"],
    ['', 'Unexpected end of formula at position 0'],
    ['NOT(1, 2)', 'NOT expects 1 argument, got 2 at position 0'],
    ['IF(1)', 'IF expects 2 to 3 arguments, got 1 at position 0'],
    ['AND()', 'AND expects at least 1 argument, got 0 at position 0'],
    ['x <> 1', "Unexpected '>' at position 3"],
  ])('%j fails with "%s"', (source, message) => {
    expect(syntaxErrorOf(source).message).toBe(message);
  });

  it('exposes the position as a number', () => {
    expect(syntaxErrorOf('  SUM(1, ').position).toBe(9);
  });

  it('refuses nesting deep enough to exhaust the stack', () => {
    const deep = `${'('.repeat(5000)}1${')'.repeat(5000)}`;
    expect(syntaxErrorOf(deep).message).toMatch(/^Formula nests too deeply at position \d+$/);
    expect(syntaxErrorOf(`${'-'.repeat(5000)}1`).message).toMatch(/nests too deeply/);
  });

  it('refuses operator chains long enough to exhaust the stack when evaluated', () => {
    expect(syntaxErrorOf(`1${' + 1'.repeat(50_000)}`).message).toMatch(/nests too deeply/);
    expect(run(`1${' & 1'.repeat(300)}`)).toBe('1'.repeat(301));
  });

  it('accepts reasonable nesting', () => {
    expect(run(`${'('.repeat(100)}1${')'.repeat(100)}`)).toBe(1);
  });
});
