import { HttpMethod, KubeConfig, RequestContext } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { reuseConnections } from '../../src/runtime/kube-connections.ts';

function kubeConfig(certificateAuthority: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [
      {
        name: 'c',
        server: 'https://127.0.0.1:6443',
        caData: certificateAuthority,
        skipTLSVerify: false,
      },
    ],
    users: [{ name: 'u', token: 'not-a-real-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return config;
}

async function dispatcherOf(config: KubeConfig): Promise<unknown> {
  const context = new RequestContext('https://127.0.0.1:6443/api', HttpMethod.GET);
  await config.applySecurityAuthentication(context);
  return context.getDispatcher();
}

describe('reuseConnections', () => {
  it('hands every request of one kubeconfig the same connection pool', async () => {
    const ca = Buffer.from(
      '-----BEGIN CERTIFICATE-----\nZm9v\n-----END CERTIFICATE-----\n',
    ).toString('base64');
    const plain = kubeConfig(ca);
    expect(await dispatcherOf(plain)).not.toBe(await dispatcherOf(plain));

    const pooled = reuseConnections(kubeConfig(ca));
    const first = await dispatcherOf(pooled);
    expect(first).toBeDefined();
    expect(await dispatcherOf(pooled)).toBe(first);
  });
});
