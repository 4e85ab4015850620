import { ApiextensionsV1Api, loadYaml } from '@kubernetes/client-node';
import type { KubeConfig, V1CustomResourceDefinition } from '@kubernetes/client-node';
import { allCrds } from '@pyairtable/operator';
import { waitFor } from './wait-for.ts';

/** Creates the pyairtable.io CRDs (an existing one is left as it is) and waits until Established. */
export async function installCrds(kubeConfig: KubeConfig): Promise<void> {
  const api = kubeConfig.makeApiClient(ApiextensionsV1Api);
  for (const crd of allCrds()) {
    // Through client-node's model, which is how its serializer keeps the x-kubernetes-* keys.
    const body = loadYaml<V1CustomResourceDefinition>(JSON.stringify(crd));
    try {
      await api.createCustomResourceDefinition({ body });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 409) throw error;
    }
  }
  for (const crd of allCrds()) {
    const name = crd.metadata.name;
    await waitFor(`CRD ${name} established`, async () => {
      const current = await api.readCustomResourceDefinition({ name });
      return (
        current.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ===
        true
      );
    });
  }
}
