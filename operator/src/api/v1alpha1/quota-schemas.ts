import { Type } from 'typebox';
import type { TInteger, TSchema } from 'typebox';

/** A CEL rule of a CRD schema (`x-kubernetes-validations` item). */
export interface ValidationRule {
  readonly rule: string;
  readonly message: string;
}

/** The integer bounds of one of the registry's quota schemas. */
function integerBounds(name: string, schema: TSchema): { minimum: number; maximum: number } {
  const { minimum, maximum } = schema as { minimum?: unknown; maximum?: unknown };
  if (typeof minimum !== 'number' || typeof maximum !== 'number') {
    throw new TypeError(`the registry's ${name} quota has no minimum and maximum`);
  }
  return { minimum, maximum };
}

/**
 * A quota with the registry's bounds, plus CEL rules saying which quota is out of bounds:
 * OpenAPI's own message ("should be greater than or equal to 1") reads worse than a rule's.
 */
export function quotaSchema(name: string, registrySchema: TSchema, description: string): TInteger {
  const { minimum, maximum } = integerBounds(name, registrySchema);
  const rules: ValidationRule[] = [
    { rule: `self >= ${minimum}`, message: `${name} must be at least ${minimum}` },
    { rule: `self <= ${maximum}`, message: `${name} must be at most ${maximum}` },
  ];
  return Type.Integer({ description, minimum, maximum, 'x-kubernetes-validations': rules });
}
