import type { FormulaValue } from './formula-value.ts';

/**
 * What a formula can see of the record it runs against. The emulator converts cells before
 * handing them over: checkbox to boolean, multiple selects, links and lookups to arrays, date
 * and dateTime to FormulaDate, empty cells to `null`.
 */
export interface FormulaContext {
  /** The cell named `name` as a formula sees it; `null` when empty. */
  field(name: string): FormulaValue;
  readonly recordId: string;
  readonly createdTime: Date;
  readonly lastModifiedTime: Date;
  /** The evaluation's clock, so NOW() and TODAY() are the same for every record of a request. */
  readonly now: Date;
}
