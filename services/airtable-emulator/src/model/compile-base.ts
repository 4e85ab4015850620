/**
 * Readies a base's computed fields after its schema changed or it was loaded: compiles formula
 * and rollup fields, drops the cached compute plan and, when asked, recomputes every record.
 */
import { invalidateComputePlan } from './compute-order.ts';
import { computeAll } from './computed-fields.ts';
import { compileFormulaField, compileRollupField } from './formula-compiler.ts';
import type { BaseModel } from './model-types.ts';

/** Compiles every formula and rollup field of `base` and forgets its compute plan. */
export function compileBase(base: BaseModel): void {
  for (const table of base.tables) {
    for (const field of table.fields) {
      if (field.type === 'formula') compileFormulaField(table, field);
      else if (field.type === 'rollup') compileRollupField(field);
    }
  }
  invalidateComputePlan(base);
}

/** Compiles `base` and computes every computed cell of every record. */
export function compileAndComputeBase(base: BaseModel, now: Date): void {
  compileBase(base);
  computeAll(base, now);
}
