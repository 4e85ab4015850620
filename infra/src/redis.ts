import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { IMAGES } from './chart-versions.ts';
import { ADDRESSES } from './cluster-layout.ts';
import type { Namespaces } from './namespaces.ts';
import type { Settings } from './settings.ts';

/** Redis and how the services reach it. */
export interface Redis {
  readonly statefulSet: k8s.apps.v1.StatefulSet;
  /** `redis://:…@redis.pyairtable-data.svc:6379/0`, a secret. */
  readonly redisUrl: pulumi.Output<string>;
}

const LABELS = { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/part-of': 'pyairtable' };

/**
 * One Redis from the official image as plain manifests (Bitnami's versioned images are frozen,
 * and one StatefulSet needs no chart): password from a Secret, append-only file on a volume so
 * quota counters survive a restart, memory capped with volatile-lru (keys with a TTL — caches,
 * windows, stream buffers — go first). The services treat Redis as a shared cache and limiter,
 * so a single instance restarting is a short degradation, not data loss; Sentinel or a
 * clustered Redis is the next step when that stops being true.
 */
export function createRedis(settings: Settings, namespaces: Namespaces): Redis {
  const namespace = namespaces.data.metadata.name;
  const password = new random.RandomPassword('redis-password', { length: 32, special: false });
  const secret = new k8s.core.v1.Secret('redis-auth', {
    metadata: { name: 'redis-auth', namespace },
    stringData: { password: password.result },
  });
  const passwordEnv = {
    name: 'REDISCLI_AUTH',
    valueFrom: { secretKeyRef: { name: secret.metadata.name, key: 'password' } },
  };
  const ping = { exec: { command: ['sh', '-c', 'redis-cli ping | grep -q PONG'] } };

  const service = new k8s.core.v1.Service('redis', {
    metadata: { name: 'redis', namespace, labels: LABELS },
    spec: { selector: LABELS, ports: [{ name: 'redis', port: 6379, targetPort: 'redis' }] },
  });

  const statefulSet = new k8s.apps.v1.StatefulSet('redis', {
    metadata: { name: 'redis', namespace, labels: LABELS },
    spec: {
      serviceName: service.metadata.name,
      replicas: 1,
      selector: { matchLabels: LABELS },
      template: {
        metadata: { labels: LABELS },
        spec: {
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 999,
            runAsGroup: 999,
            fsGroup: 999,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'redis',
              image: IMAGES.redis,
              command: ['redis-server'],
              args: [
                '--requirepass',
                '$(REDISCLI_AUTH)',
                '--appendonly',
                'yes',
                '--save',
                '',
                '--maxmemory',
                settings.redis.maxMemory,
                '--maxmemory-policy',
                'volatile-lru',
              ],
              env: [passwordEnv],
              ports: [{ name: 'redis', containerPort: 6379 }],
              readinessProbe: { ...ping, periodSeconds: 5 },
              livenessProbe: { ...ping, periodSeconds: 10, failureThreshold: 6 },
              resources: settings.redis.resources,
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'data', mountPath: '/data' }],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: settings.redis.storageSize } },
            ...(settings.storageClass === undefined
              ? {}
              : { storageClassName: settings.storageClass }),
          },
        },
      ],
    },
  });

  const redisUrl = pulumi.interpolate`redis://:${password.result}@${ADDRESSES.redis}:6379/0`;
  return { statefulSet, redisUrl: pulumi.secret(redisUrl) };
}
