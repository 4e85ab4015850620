import { CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import { isNotFound } from './kube-errors.ts';

/** Namespace and name of a namespaced object. */
export interface ObjectKey {
  readonly namespace: string;
  readonly name: string;
}

/** Which custom resource a client serves. */
export interface CustomResource {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

/** Typed access to one namespaced custom resource. */
export interface CustomResourceClient<T extends KubernetesObject> {
  /** The collection across all namespaces, for informers. */
  readonly path: string;
  get(key: ObjectKey): Promise<T | undefined>;
  /** Every object, or only `namespace`'s (which needs no cluster-wide permission). */
  list(namespace?: string): Promise<KubernetesListObject<T>>;
  /** A JSON merge patch (custom resources refuse strategic merge patches). */
  patch(key: ObjectKey, patch: object): Promise<T>;
  /** A JSON merge patch of `status` through the status subresource. */
  patchStatus(key: ObjectKey, status: object): Promise<T>;
}

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** A client for `resource` on the cluster of `kubeConfig`. */
export function createCustomResourceClient<T extends KubernetesObject>(
  kubeConfig: KubeConfig,
  resource: CustomResource,
): CustomResourceClient<T> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  const { group, version, plural } = resource;
  return {
    path: `/apis/${group}/${version}/${plural}`,
    async get({ namespace, name }) {
      try {
        return (await api.getNamespacedCustomObject({
          group,
          version,
          plural,
          namespace,
          name,
        })) as T;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async list(namespace) {
      const list: unknown =
        namespace === undefined
          ? await api.listClusterCustomObject({ group, version, plural })
          : await api.listNamespacedCustomObject({ group, version, plural, namespace });
      return list as KubernetesListObject<T>;
    },
    async patch({ namespace, name }, body) {
      return (await api.patchNamespacedCustomObject(
        { group, version, plural, namespace, name, body },
        MERGE_PATCH,
      )) as T;
    },
    async patchStatus({ namespace, name }, status) {
      return (await api.patchNamespacedCustomObjectStatus(
        { group, version, plural, namespace, name, body: { status } },
        MERGE_PATCH,
      )) as T;
    },
  };
}

/** `namespace/name`, the work-queue key of an object. */
export function keyOf(object: KubernetesObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

/** The inverse of {@link keyOf}. */
export function parseKey(key: string): ObjectKey {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
