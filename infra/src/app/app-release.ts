import { fileURLToPath } from 'node:url';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { RELEASES } from '../cluster-layout.ts';
import type { Namespaces } from '../namespaces.ts';
import type { Settings } from '../settings.ts';
import { appValues } from './app-values.ts';

/** The app chart in this repository (a local path: nothing to pin, it moves with the code). */
export const APP_CHART_DIR = fileURLToPath(new URL('../../../charts/pyairtable', import.meta.url));

/** The chart's own values file for each kind of stack. */
const CHART_VALUES_FILE = {
  kind: 'values-dev.yaml',
  production: 'values-production.yaml',
} as const;

/**
 * charts/pyairtable as a Helm release, after everything it connects to exists: the chart's
 * values file for the stack first, this program's wiring on top.
 */
export function createAppRelease(
  settings: Settings,
  namespaces: Namespaces,
  dependencies: readonly pulumi.Resource[],
): k8s.helm.v3.Release {
  const valuesFile = `${APP_CHART_DIR}/${CHART_VALUES_FILE[settings.environment]}`;
  return new k8s.helm.v3.Release(
    RELEASES.app,
    {
      name: RELEASES.app,
      chart: APP_CHART_DIR,
      namespace: namespaces.app.metadata.name,
      valueYamlFiles: [new pulumi.asset.FileAsset(valuesFile)],
      values: appValues(settings),
      atomic: true,
      cleanupOnFail: true,
      maxHistory: 10,
      timeout: 600,
    },
    { dependsOn: [...dependencies] },
  );
}
