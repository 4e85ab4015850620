import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { CONNECTION_SECRET } from './cluster-layout.ts';
import type { Namespaces } from './namespaces.ts';

/** The key id of the generated encryption key (the kit's `<id>:<base64>` format). */
export const ENCRYPTION_KEY_ID = 'k1';

/**
 * The one Secret the app chart reads its connections from (`envFrom`): DATABASE_URL,
 * REDIS_URL and SECRET_ENCRYPTION_KEYS, the AES-256 key the registry encrypts Airtable tokens
 * with. The key is 32 random bytes kept in the Pulumi state (encrypted) and this Secret only;
 * rotating means prepending a new `<id>:<key>` while keeping the old one readable.
 */
export function createConnectionSecret(
  namespaces: Namespaces,
  urls: { readonly databaseUrl: pulumi.Output<string>; readonly redisUrl: pulumi.Output<string> },
): k8s.core.v1.Secret {
  const key = new random.RandomBytes('secret-encryption-key', { length: 32 });
  return new k8s.core.v1.Secret('connections', {
    metadata: {
      name: CONNECTION_SECRET,
      namespace: namespaces.app.metadata.name,
      labels: { 'app.kubernetes.io/part-of': 'pyairtable' },
    },
    stringData: {
      DATABASE_URL: urls.databaseUrl,
      REDIS_URL: urls.redisUrl,
      SECRET_ENCRYPTION_KEYS: pulumi.secret(pulumi.interpolate`${ENCRYPTION_KEY_ID}:${key.base64}`),
    },
  });
}
