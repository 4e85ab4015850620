import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCrds } from '../../src/api/crd-definitions.ts';
import {
  CRD_DIRECTORY,
  GENERATE_COMMAND,
  GENERATED_HEADER,
  renderCrdFiles,
  writeCrdFiles,
} from '../../src/api/generate-crds.ts';

/** How often `key` occurs as an object key anywhere in `value`. */
function countKeys(value: unknown, key: string): number {
  if (Array.isArray(value))
    return value.reduce((sum: number, item) => sum + countKeys(item, key), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce(
    (sum, [name, child]) => sum + (name === key ? 1 : 0) + countKeys(child, key),
    0,
  );
}

describe('the generated CRD files', () => {
  it('are up to date with operator/src/api/v1alpha1', async () => {
    for (const [name, expected] of Object.entries(renderCrdFiles())) {
      const committed = await readFile(path.join(CRD_DIRECTORY, name), 'utf8').catch(() => '');
      expect(
        committed === expected,
        `operator/config/crd/${name} is stale or missing: run \`${GENERATE_COMMAND}\` and commit the result`,
      ).toBe(true);
    }
  });

  it('are the only files in operator/config/crd', async () => {
    const files = (await readdir(CRD_DIRECTORY)).toSorted();
    expect(files).toEqual(Object.keys(renderCrdFiles()).toSorted());
  });

  it('are named like controller-gen names them and say they are generated', () => {
    const files = renderCrdFiles();
    expect(Object.keys(files).toSorted()).toEqual([
      'pyairtable.io_tenants.yaml',
      'pyairtable.io_workspaces.yaml',
    ]);
    for (const content of Object.values(files))
      expect(content.startsWith(GENERATED_HEADER)).toBe(true);
    expect(GENERATED_HEADER).toContain('DO NOT EDIT');
  });

  it('keep every CEL rule and list type (the YAML writer drops keys its model does not know)', () => {
    const files = renderCrdFiles();
    for (const crd of allCrds()) {
      const content = files[`${crd.spec.group}_${crd.spec.names.plural}.yaml`] ?? '';
      for (const key of [
        'x-kubernetes-validations',
        'x-kubernetes-list-type',
        'x-kubernetes-list-map-keys',
      ]) {
        const inYaml = content
          .split('\n')
          .filter((line) => line.trim().startsWith(`${key}:`)).length;
        expect(inYaml, `${key} in ${crd.metadata.name}`).toBe(countKeys(crd, key));
      }
    }
  });

  it('can be written to another directory, for the Helm chart', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'crds-'));
    const written = await writeCrdFiles(path.join(directory, 'nested'));
    expect(written.map((file) => path.basename(file)).toSorted()).toEqual(
      Object.keys(renderCrdFiles()).toSorted(),
    );
    const tenants = await readFile(
      path.join(directory, 'nested', 'pyairtable.io_tenants.yaml'),
      'utf8',
    );
    expect(tenants).toBe(renderCrdFiles()['pyairtable.io_tenants.yaml']);
  });
});
