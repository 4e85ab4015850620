/**
 * Reads the keys of a values file with the comment above each, and the key paths a JSON schema
 * declares: enough to hold values.yaml and values.schema.json to the same set of documented keys.
 */

/** A mapping key of a values file. */
export interface ValuesKey {
  /** Dotted path from the root, e.g. `chat.autoscaling.enabled`. */
  readonly path: string;
  readonly line: number;
  /** A comment line sits directly above it. */
  readonly documented: boolean;
}

/**
 * The mapping keys of a block-style YAML values file (as Prettier writes it), outside lists:
 * list items are example data whose keys belong to the Kubernetes types they stand for.
 */
export function valuesKeys(text: string): ValuesKey[] {
  const keys: ValuesKey[] = [];
  const stack: { indent: number; key: string }[] = [];
  // The indentation of the key owning the list being skipped.
  let listOwner: number | undefined;
  let comment = false;
  text.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') {
      comment = false;
      return;
    }
    if (trimmed.startsWith('#')) {
      comment = true;
      return;
    }
    const indent = line.length - line.trimStart().length;
    while ((stack.at(-1)?.indent ?? -1) >= indent) stack.pop();
    if (listOwner !== undefined && indent > listOwner) return;
    listOwner = undefined;
    if (trimmed.startsWith('- ') || trimmed === '-') {
      listOwner = stack.at(-1)?.indent ?? -1;
      comment = false;
      return;
    }
    const match = /^("[^"]+"|[A-Za-z0-9_./-]+):(\s|$)/.exec(trimmed);
    if (match?.[1] === undefined)
      throw new Error(`line ${String(index + 1)}: not a key: ${trimmed}`);
    const key = match[1].replaceAll('"', '');
    keys.push({
      path: [...stack.map((entry) => entry.key), key].join('.'),
      line: index + 1,
      documented: comment,
    });
    stack.push({ indent, key });
    comment = false;
  });
  return keys;
}

/** A JSON schema, as far as these checks read it. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
}

/** The schema `node` stands for, following `$ref`s into the root's `$defs`. */
export function resolveSchema(root: JsonSchema, node: JsonSchema): JsonSchema {
  if (node.$ref === undefined) return node;
  const name = node.$ref.replace('#/$defs/', '');
  const target = root.$defs?.[name];
  if (target === undefined) throw new Error(`unresolved ${node.$ref}`);
  return resolveSchema(root, target);
}

/**
 * The key paths a schema declares, and those of objects it leaves open: typed maps (labels,
 * annotations…) and Kubernetes types passed through as they are.
 */
export function schemaKeys(root: JsonSchema): { declared: Set<string>; openMaps: Set<string> } {
  const declared = new Set<string>();
  const openMaps = new Set<string>();
  const visit = (node: JsonSchema, path: string): void => {
    const schema = resolveSchema(root, node);
    if (schema.properties === undefined) {
      const types = typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []);
      if (types.includes('object') && schema.additionalProperties !== false) openMaps.add(path);
      return;
    }
    for (const [key, child] of Object.entries(schema.properties)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      declared.add(childPath);
      visit(child, childPath);
    }
  };
  visit(root, '');
  return { declared, openMaps };
}

/**
 * Object schemas that accept keys nobody declared: neither `additionalProperties: false` nor a
 * typed map. Reported by their JSON pointer.
 */
export function looseObjects(root: JsonSchema): string[] {
  const loose: string[] = [];
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        visit(item, `${pointer}/${String(index)}`);
      });
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const schema = node as JsonSchema & Record<string, unknown>;
    // (Inside a `properties` map, `type` may be the schema of a property called "type".)
    const types: unknown =
      typeof schema.type === 'string'
        ? [schema.type]
        : Array.isArray(schema.type)
          ? schema.type
          : [];
    if ((types as unknown[]).includes('object') && schema.$ref === undefined) {
      const open = schema.additionalProperties;
      if (open !== false && typeof open !== 'object') loose.push(pointer);
    }
    for (const [key, child] of Object.entries(schema)) visit(child, `${pointer}/${key}`);
  };
  visit(root, '');
  return loose;
}
