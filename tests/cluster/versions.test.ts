/**
 * One Kubernetes, one kind and one Node for the whole repository: the local cluster's pins
 * (infra/local-cluster/versions.sh) must be the ones the Go tool builders and the Dockerfile use,
 * or the node image would carry a kubeadm for another release than the test control plane's.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localClusterSetting, ROOT } from './cluster-environment.ts';

async function assignment(file: string, name: string): Promise<string | undefined> {
  const text = await readFile(path.join(ROOT, file), 'utf8');
  return new RegExp(`^${name}=(\\S+)$`, 'm').exec(text)?.[1];
}

describe('the local cluster pins', () => {
  it('build the same Kubernetes release as tests/go-tools/ensure-go-tool.sh', async () => {
    expect(await localClusterSetting('KUBERNETES_VERSION')).toBe(
      await assignment('tests/go-tools/ensure-go-tool.sh', 'KUBERNETES_VERSION'),
    );
  });

  it('use the kind release tests/deploy/ensure-deploy-tool.sh builds', async () => {
    expect(await localClusterSetting('KIND_VERSION')).toBe(
      await assignment('tests/deploy/ensure-deploy-tool.sh', 'KIND_VERSION'),
    );
  });

  it("name the Node image the project's Dockerfile builds on", async () => {
    expect(`ARG NODE_IMAGE=${await localClusterSetting('NODE_IMAGE')}`).toBe(
      (await readFile(path.join(ROOT, 'Dockerfile'), 'utf8')).match(/^ARG NODE_IMAGE=\S+$/m)?.[0],
    );
  });
});
