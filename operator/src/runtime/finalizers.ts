import type { KubernetesObject } from '@kubernetes/client-node';
import type { CustomResourceClient } from './custom-resource-client.ts';

/**
 * Adds or removes one finalizer with a merge patch that carries the object's
 * resourceVersion: a merge patch replaces the whole list, so without that precondition a
 * finalizer another controller added meanwhile would be dropped. A concurrent change makes
 * the apiserver answer 409 Conflict, and the reconcile is retried on fresh data.
 */
export async function ensureFinalizer<T extends KubernetesObject>(
  client: CustomResourceClient<T>,
  object: T,
  finalizer: string,
): Promise<T> {
  const finalizers = object.metadata?.finalizers ?? [];
  if (finalizers.includes(finalizer)) return object;
  return patchFinalizers(client, object, [...finalizers, finalizer]);
}

/** Removes `finalizer` (see {@link ensureFinalizer} for why the patch is guarded). */
export async function removeFinalizer<T extends KubernetesObject>(
  client: CustomResourceClient<T>,
  object: T,
  finalizer: string,
): Promise<T> {
  const finalizers = object.metadata?.finalizers ?? [];
  if (!finalizers.includes(finalizer)) return object;
  return patchFinalizers(
    client,
    object,
    finalizers.filter((name) => name !== finalizer),
  );
}

function patchFinalizers<T extends KubernetesObject>(
  client: CustomResourceClient<T>,
  object: T,
  finalizers: readonly string[],
): Promise<T> {
  const { namespace = '', name = '', resourceVersion } = object.metadata ?? {};
  return client.patch(
    { namespace, name },
    { metadata: { finalizers, ...(resourceVersion === undefined ? {} : { resourceVersion }) } },
  );
}
