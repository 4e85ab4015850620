import { describe, expect, it } from 'vitest';
import { error, run } from '../support/run-formula.ts';

describe('FIND and SEARCH', () => {
  it('FIND returns the 1-based position, 0 when not found', () => {
    expect(run('FIND("fox", "quick brown fox")')).toBe(13);
    expect(run('FIND("q", "quick")')).toBe(1);
    expect(run('FIND("cat", "quick brown fox")')).toBe(0);
    expect(run('FIND("x", {Missing})')).toBe(0);
  });

  it('starts from a 0-based offset', () => {
    expect(run('FIND("o", "foo boo")')).toBe(2);
    expect(run('FIND("o", "foo boo", 3)')).toBe(6);
  });

  it('SEARCH returns the position, blank when not found', () => {
    expect(run('SEARCH("brown", "quick brown fox")')).toBe(7);
    expect(run('SEARCH("cat", "quick brown fox")')).toBeNull();
  });

  it('both match case exactly, as LOWER on both sides works around', () => {
    expect(run('FIND("Fox", "quick brown fox")')).toBe(0);
    expect(run('SEARCH("Fox", "quick brown fox")')).toBeNull();
    expect(run('SEARCH(LOWER("Fox"), LOWER("quick brown fox"))')).toBe(13);
  });

  it('search inside arrays through their text', () => {
    expect(run('FIND("urgent", {Tags})', { Tags: ['low', 'urgent'] })).toBe(6);
  });
});

describe('case, length and trimming', () => {
  it('LOWER, UPPER and TRIM', () => {
    expect(run('LOWER("MiXeD")')).toBe('mixed');
    expect(run('UPPER("straße")')).toBe('STRASSE');
    expect(run('TRIM("  padded text \n")')).toBe('padded text');
    expect(run('LOWER({Missing})')).toBe('');
  });

  it('LEN counts characters, of an array’s joined text', () => {
    expect(run('LEN("hello")')).toBe(5);
    expect(run('LEN({Missing})')).toBe(0);
    expect(run('LEN(12.5)')).toBe(4);
    expect(run('LEN({Tags})', { Tags: ['ab', 'c'] })).toBe(5);
  });
});

describe('pieces of text', () => {
  it('LEFT, RIGHT and MID', () => {
    expect(run('LEFT("abcdef", 2)')).toBe('ab');
    expect(run('RIGHT("abcdef", 2)')).toBe('ef');
    expect(run('RIGHT("ab", 5)')).toBe('ab');
    expect(run('MID("abcdef", 2, 3)')).toBe('bcd');
    expect(run('MID("abc", 3, 10)')).toBe('c');
  });

  it('reject negative counts and positions before the start', () => {
    expect(run('LEFT("abc", -1)')).toEqual(error('#ERROR!'));
    expect(run('MID("abc", 0, 1)')).toEqual(error('#ERROR!'));
  });

  it('REPLACE swaps characters by position', () => {
    expect(run('REPLACE("abcdef", 2, 3, "XY")')).toBe('aXYef');
  });

  it('SUBSTITUTE replaces every occurrence, or only the n-th', () => {
    expect(run('SUBSTITUTE("a-b-c", "-", "+")')).toBe('a+b+c');
    expect(run('SUBSTITUTE("a-b-c", "-", "+", 2)')).toBe('a-b+c');
    expect(run('SUBSTITUTE("a-b-c", "-", "+", 5)')).toBe('a-b-c');
    expect(run('SUBSTITUTE("abc", "", "x")')).toBe('abc');
  });

  it('CONCATENATE joins text forms of its arguments', () => {
    expect(run('CONCATENATE("a", 1, TRUE(), BLANK(), {Tags})', { Tags: ['x', 'y'] })).toBe(
      'a11x, y',
    );
  });

  it('REPT repeats', () => {
    expect(run('REPT("ab", 3)')).toBe('ababab');
    expect(run('REPT("ab", 0)')).toBe('');
    expect(run('LEN(REPT("abc", 1000) & REPT("d", 10))')).toBe(3010);
  });

  it('refuses to build text over a million characters, so a filter cannot exhaust memory', () => {
    const half = 'REPT("a", 600000)';
    expect(run('REPT("ab", 600000)')).toEqual(error('#ERROR!'));
    expect(run(`${half} & ${half}`)).toEqual(error('#ERROR!'));
    expect(run(`CONCATENATE(${half}, ${half})`)).toEqual(error('#ERROR!'));
    expect(run('SUBSTITUTE(REPT("a", 100000), "a", REPT("b", 100))')).toEqual(error('#ERROR!'));
    expect(run('REGEX_REPLACE(REPT("a", 100000), "a", REPT("b", 100))')).toEqual(error('#ERROR!'));
  });

  it('T keeps text and blanks everything else', () => {
    expect(run('T("word")')).toBe('word');
    expect(run('T(42)')).toBeNull();
  });

  it('ENCODE_URL_COMPONENT escapes for URLs', () => {
    expect(run('ENCODE_URL_COMPONENT("a b&c")')).toBe('a%20b%26c');
  });
});

describe('VALUE', () => {
  it.each([
    ['"42"', 42],
    ['" -3.5 "', -3.5],
    ['"$1,234.50"', 1234.5],
    ['"50%"', 0.5],
    ['"rec123"', 123],
  ])('VALUE(%s) is %s', (source, expected) => {
    expect(run(`VALUE(${source})`)).toBe(expected);
  });

  it('is blank for empty text and NaN for text without digits', () => {
    expect(run('VALUE("")')).toBeNull();
    expect(run('VALUE("abc")')).toEqual(error('NaN'));
  });
});

describe('regular expressions', () => {
  it('REGEX_MATCH tests a pattern', () => {
    expect(run('REGEX_MATCH("order-123", "\\\\d{3}")')).toBe(true);
    expect(run('REGEX_MATCH("order", "\\d")')).toBe(false);
    expect(run('REGEX_MATCH("ABC", "(?i)^abc$")')).toBe(true);
  });

  it('REGEX_EXTRACT returns the first match, an error without one', () => {
    expect(run('REGEX_EXTRACT("ada@example.com", "@.*")')).toBe('@example.com');
    expect(run('REGEX_EXTRACT("none", "\\d+")')).toEqual(error('#ERROR!'));
  });

  it('REGEX_REPLACE replaces every match, with group references', () => {
    expect(run('REGEX_REPLACE("a1b22c333", "\\d+", "#")')).toBe('a#b#c#');
    expect(run('REGEX_REPLACE("Lovelace, Ada", "(?P<last>\\w+), (\\w+)", "$2 $1")')).toBe(
      'Ada Lovelace',
    );
  });

  it('turn an invalid pattern into an error value', () => {
    expect(run('REGEX_MATCH("abc", "(")')).toEqual(error('#ERROR!'));
  });
});
