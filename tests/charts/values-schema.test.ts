/**
 * values.yaml and values.schema.json describe the same keys: every key of values.yaml has a
 * comment saying what it does and is declared by the schema, every declared key appears in
 * values.yaml with its default, and no object in the schema accepts undeclared keys (so a typo
 * anywhere fails the install with its name).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_DIRECTORY } from './support/helm-chart.ts';
import { looseObjects, schemaKeys, valuesKeys } from './support/values-keys.ts';
import type { JsonSchema } from './support/values-keys.ts';

async function chartFile(name: string): Promise<string> {
  return readFile(path.join(CHART_DIRECTORY, name), 'utf8');
}

const schema = JSON.parse(await chartFile('values.schema.json')) as JsonSchema;
const { declared, openMaps } = schemaKeys(schema);

/** Whether `key` lies inside a map the schema leaves open (its keys are data, not settings). */
const insideOpenMap = (key: string): boolean =>
  [...openMaps].some((map) => key.startsWith(`${map}.`));

// Kubernetes' own affinity types pass through unchanged; the apiserver validates them (the
// server-side dry-run test) and copying their schema here would only let it drift.
const PASS_THROUGH = [
  '/$defs/affinity/properties/nodeAffinity',
  '/$defs/affinity/properties/podAffinity',
  '/$defs/affinity/properties/podAntiAffinity',
];

describe('values.schema.json', () => {
  it('closes every object: additionalProperties false, or a typed map', () => {
    expect(looseObjects(schema)).toEqual(PASS_THROUGH);
  });
});

describe('values.yaml', () => {
  it('documents every key with a comment above it', async () => {
    const undocumented = valuesKeys(await chartFile('values.yaml'))
      .filter((key) => !insideOpenMap(key.path) && !key.documented)
      .map((key) => `${key.path} (line ${String(key.line)})`);
    expect(undocumented).toEqual([]);
  });

  it('holds exactly the keys the schema declares', async () => {
    const keys = valuesKeys(await chartFile('values.yaml'))
      .map((key) => key.path)
      .filter((key) => !insideOpenMap(key));
    expect(keys.filter((key) => !declared.has(key))).toEqual([]);
    // Below a key whose default is `{}` (affinity, keda.behavior) the schema's keys are optional.
    const parent = (key: string): string => key.slice(0, Math.max(0, key.lastIndexOf('.')));
    const expanded = (key: string): boolean =>
      key === '' || keys.some((candidate) => candidate.startsWith(`${key}.`));
    const missing = [...declared].filter((key) => expanded(parent(key)) && !keys.includes(key));
    expect(missing).toEqual([]);
  });

  it.each(['values-dev.yaml', 'values-production.yaml'])(
    'is the vocabulary of %s too',
    async (file) => {
      const unknown = valuesKeys(await chartFile(file))
        .map((key) => key.path)
        .filter((key) => !insideOpenMap(key) && !declared.has(key));
      expect(unknown).toEqual([]);
    },
  );
});
