/**
 * Rewrites the `{Field}` references of a formula's source. Formula fields are stored with
 * references by field id, as Airtable's metadata API shows them (`{fldXXXXXXXXXXXXXX} * 2`),
 * so renaming a field never breaks a formula. The scan follows the formula language's
 * lexical rules (quoted strings with backslash escapes, `\}` inside references) so text inside
 * string literals is left alone.
 */

/**
 * `source` with each `{reference}` replaced by `{replace(reference)}`; references for which
 * `replace` returns `undefined` are kept as written.
 */
export function rewriteFieldReferences(
  source: string,
  replace: (reference: string) => string | undefined,
): string {
  let output = '';
  let index = 0;
  while (index < source.length) {
    const char = source.charAt(index);
    if (char === '"' || char === "'") {
      const end = stringEnd(source, index);
      output += source.slice(index, end);
      index = end;
    } else if (char === '{') {
      const { name, end } = readReference(source, index);
      if (end < 0) return output + source.slice(index);
      const replaced = replace(name);
      output += replaced === undefined ? source.slice(index, end) : `{${escape(replaced)}}`;
      index = end;
    } else {
      output += char;
      index += 1;
    }
  }
  return output;
}

function stringEnd(source: string, start: number): number {
  const quote = source.charAt(start);
  let index = start + 1;
  while (index < source.length) {
    const char = source.charAt(index);
    if (char === quote) return index + 1;
    index += char === '\\' ? 2 : 1;
  }
  return source.length;
}

function readReference(source: string, start: number): { name: string; end: number } {
  let name = '';
  let index = start + 1;
  while (index < source.length) {
    const char = source.charAt(index);
    if (char === '}') return { name, end: index + 1 };
    if (char === '\\' && source.charAt(index + 1) === '}') {
      name += '}';
      index += 2;
    } else {
      name += char;
      index += 1;
    }
  }
  return { name, end: -1 };
}

function escape(name: string): string {
  return name.replaceAll('}', '\\}');
}
