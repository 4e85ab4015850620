import type { KubeConfig } from '@kubernetes/client-node';

type CreateDispatcher = (cluster: unknown, agentOptions: Record<string, unknown>) => unknown;

/**
 * Makes every API call of `kubeConfig` share one connection pool. client-node 2.0 builds a
 * new undici Agent for each request, so each call pays a TLS handshake: at a thousand
 * objects that was 44% of the operator's CPU. The pool is keyed by the TLS material, so a
 * rotated client certificate still gets a fresh pool. (`createDispatcher` is private in
 * client-node's types, hence the cast; a test checks the method still exists.)
 */
export function reuseConnections(kubeConfig: KubeConfig): KubeConfig {
  const target = kubeConfig as unknown as { createDispatcher?: CreateDispatcher };
  const original = target.createDispatcher;
  if (typeof original !== 'function') {
    throw new Error('@kubernetes/client-node no longer has KubeConfig#createDispatcher');
  }
  const pools = new Map<string, unknown>();
  target.createDispatcher = (cluster, agentOptions) => {
    const key = JSON.stringify([cluster, agentOptions], (_name, value: unknown) =>
      Buffer.isBuffer(value) ? value.toString('base64') : value,
    );
    if (!pools.has(key)) pools.set(key, original.call(kubeConfig, cluster, agentOptions));
    return pools.get(key);
  };
  return kubeConfig;
}
