import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { kubectl } from './kubectl.ts';

describe('the envtest control plane', () => {
  it('serves the API to kubectl through the kubeconfig it hands out', async () => {
    const kubeconfig = inject('envtestKubeconfig');
    const namespaces = await kubectl(kubeconfig, ['get', 'namespaces', '-o', 'name']);
    expect(namespaces.exitCode, namespaces.stderr).toBe(0);
    expect(namespaces.stdout).toContain('namespace/default');

    const version = await kubectl(kubeconfig, ['version', '-o', 'json']);
    expect(JSON.parse(version.stdout)).toMatchObject({
      serverVersion: { gitVersion: expect.stringMatching(/^v1\.37\./) as unknown },
    });
  });
});
