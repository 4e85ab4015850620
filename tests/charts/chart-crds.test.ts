/**
 * The chart's CRDs (charts/pyairtable/crds, which Helm installs before anything else) are the
 * operator's generated CRDs, byte for byte: `npm run generate:crds -w operator` writes both
 * copies, and this fails while the chart's is stale.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CHART_CRD_DIRECTORY,
  CRD_DIRECTORIES,
  GENERATE_COMMAND,
  renderCrdFiles,
} from '@pyairtable/operator/crds';
import { describe, expect, it } from 'vitest';
import { CHART_DIRECTORY } from './support/helm-chart.ts';

describe("the chart's CRDs", () => {
  it('are where the generator writes them', () => {
    expect(path.resolve(CHART_CRD_DIRECTORY)).toBe(path.resolve(CHART_DIRECTORY, 'crds'));
    expect(CRD_DIRECTORIES).toContain(CHART_CRD_DIRECTORY);
  });

  it('are up to date with operator/src/api/v1alpha1', async () => {
    for (const [name, expected] of Object.entries(renderCrdFiles())) {
      const committed = await readFile(path.join(CHART_CRD_DIRECTORY, name), 'utf8').catch(
        () => '',
      );
      expect(
        committed === expected,
        `charts/pyairtable/crds/${name} is stale or missing: run \`${GENERATE_COMMAND}\``,
      ).toBe(true);
    }
  });

  it('are the only files in crds/', async () => {
    expect((await readdir(CHART_CRD_DIRECTORY)).toSorted()).toEqual(
      Object.keys(renderCrdFiles()).toSorted(),
    );
  });
});
