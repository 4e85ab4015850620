/**
 * TypeBox (JSON Schema 2020-12) to a Kubernetes structural schema, the dialect a CRD's
 * `openAPIV3Schema` must be written in. Written by hand: the tools that do this (controller-gen,
 * cdk8s) start from Go structs or OpenAPI documents, not from TypeBox values.
 */

/** A CEL rule of a structural schema. */
export interface StructuralValidationRule {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly fieldPath?: string;
  readonly reason?: string;
}

/** A CRD schema node, in its wire form (the keys of the YAML, `x-kubernetes-*` included). */
export interface StructuralSchema {
  readonly description?: string;
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: StructuralSchema;
  readonly properties?: Readonly<Record<string, StructuralSchema>>;
  readonly required?: readonly string[];
  readonly 'x-kubernetes-validations'?: readonly StructuralValidationRule[];
  readonly 'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
}

// JSON Schema keywords a structural schema accepts unchanged. Anything else (patternProperties,
// $ref, uniqueItems, numeric exclusiveMinimum...) is refused so it fails at generation time,
// not when the apiserver rejects the CRD.
const KEPT = new Set([
  'description',
  'type',
  'format',
  'enum',
  'default',
  'minimum',
  'maximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'nullable',
  'example',
]);
const DROPPED = new Set(['$id', '$schema', 'title', '$comment']);
const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The values of a union of literals (TypeBox's `anyOf` of `const`), as an enum. */
function literalUnion(anyOf: unknown, path: string): JsonObject {
  const options = Array.isArray(anyOf) ? (anyOf as unknown[]) : [];
  const values = options.map((option) => (isObject(option) ? option.const : undefined));
  const types = new Set(values.map((value) => typeof value));
  if (values.length === 0 || types.size !== 1 || !(types.has('string') || types.has('number'))) {
    throw new TypeError(`${path}: only unions of string or number literals become an enum`);
  }
  return { type: types.has('string') ? 'string' : 'number', enum: values };
}

// Keys in alphabetical order, as client-node's serializer writes the rest of the CRD (and
// controller-gen its CRDs): the generated YAML then reads the same at every depth.
function ordered(node: Readonly<Record<string, unknown>>): StructuralSchema {
  const keys = Object.keys(node).toSorted();
  return Object.fromEntries(keys.map((key) => [key, node[key]]));
}

/**
 * The structural schema of `schema`: `$id`/`$schema` dropped, unions of literals turned into
 * enums, `additionalProperties: false` dropped (structural schemas refuse it; the apiserver
 * prunes unknown fields instead), large integers given `format: int64`, `x-kubernetes-*` kept.
 * Throws, naming the path, on a construct structural schemas cannot express.
 */
export function toStructuralSchema(schema: unknown, path = '<root>'): StructuralSchema {
  if (!isObject(schema)) throw new TypeError(`${path}: a schema must be an object`);
  const source: JsonObject =
    schema.anyOf === undefined
      ? schema
      : { ...schema, anyOf: undefined, ...literalUnion(schema.anyOf, path) };
  const node: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || DROPPED.has(key)) continue;
    if (KEPT.has(key) || key.startsWith('x-kubernetes-')) {
      node[key] = value;
    } else if (key === 'properties' && isObject(value)) {
      node.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [
          name,
          toStructuralSchema(child, `${path}.${name}`),
        ]),
      );
    } else if (key === 'items') {
      node.items = toStructuralSchema(value, `${path}[]`);
    } else if (key === 'required' && Array.isArray(value)) {
      if (value.length > 0) node.required = value;
    } else if (key === 'additionalProperties' && value === false) {
      continue;
    } else if (key === 'const') {
      node.enum = [value];
    } else {
      throw new TypeError(`${path}: '${key}' has no structural-schema equivalent`);
    }
  }
  if (node.type === undefined) throw new TypeError(`${path}: a structural schema needs a type`);
  if (node.type === 'integer' && node.format === undefined && !fitsInt32(node)) {
    node.format = 'int64';
  }
  return ordered(node);
}

function fitsInt32(node: Readonly<Record<string, unknown>>): boolean {
  const { minimum, maximum } = node;
  return (
    typeof minimum === 'number' &&
    typeof maximum === 'number' &&
    minimum >= INT32_MIN &&
    maximum <= INT32_MAX
  );
}
