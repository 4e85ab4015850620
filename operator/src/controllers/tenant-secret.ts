import type { CoreV1Api } from '@kubernetes/client-node';
import { DEFAULT_TOKEN_SECRET_KEY } from '../api/v1alpha1/index.ts';
import type { Tenant } from '../api/v1alpha1/index.ts';
import { isNotFound } from '../runtime/index.ts';
import { Reason } from './conditions.ts';

/** The token a Tenant's Secret holds, or why it cannot be had. */
export type SecretToken =
  | { readonly kind: 'found'; readonly token: string }
  | {
      readonly kind: 'problem';
      readonly reason: typeof Reason.SecretNotFound | typeof Reason.KeyMissing;
      readonly message: string;
    };

/**
 * Reads the Tenant's token from its Secret with one GET: the operator never caches Secrets
 * cluster-wide, and reading at reconcile time always sees the current token.
 */
export async function readTenantToken(core: CoreV1Api, tenant: Tenant): Promise<SecretToken> {
  const namespace = tenant.metadata.namespace ?? 'default';
  const { name, key = DEFAULT_TOKEN_SECRET_KEY } = tenant.spec.airtable.tokenSecretRef;
  let data: Record<string, string> | undefined;
  try {
    data = (await core.readNamespacedSecret({ namespace, name })).data;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return {
      kind: 'problem',
      reason: Reason.SecretNotFound,
      message: `Secret ${namespace}/${name} does not exist`,
    };
  }
  const encoded = data?.[key];
  if (encoded === undefined) {
    return {
      kind: 'problem',
      reason: Reason.KeyMissing,
      message: `Secret ${namespace}/${name} has no key "${key}" (keys: ${Object.keys(data ?? {}).join(', ') || 'none'})`,
    };
  }
  const token = Buffer.from(encoded, 'base64').toString('utf8').trim();
  if (token === '') {
    return {
      kind: 'problem',
      reason: Reason.KeyMissing,
      message: `Secret ${namespace}/${name} key "${key}" is empty`,
    };
  }
  return { kind: 'found', token };
}
