import { describe, expect, it } from 'vitest';
import { parseFormula, referencedFieldNames } from '../../src/formula/index.ts';

describe('referencedFieldNames', () => {
  it('lists braced and bare references in order of first use, once each', () => {
    const formula = parseFormula(
      'IF(AND({Status} = "Done", Price > 0), {Unit Price} * Quantity, {Status} & Price)',
    );
    expect(referencedFieldNames(formula)).toEqual(['Status', 'Price', 'Unit Price', 'Quantity']);
  });

  it('finds references inside negation, function arguments and LAST_MODIFIED_TIME', () => {
    const formula = parseFormula('-SUM(values) + LAST_MODIFIED_TIME({Notes})');
    expect(referencedFieldNames(formula)).toEqual(['values', 'Notes']);
  });

  it('does not treat text that looks like a reference as one', () => {
    expect(referencedFieldNames(parseFormula('"{Secret}" & TRUE'))).toEqual([]);
  });
});
