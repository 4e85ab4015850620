import * as k8s from '@pulumi/kubernetes';
import { NAMESPACES } from './cluster-layout.ts';

/** The program's namespaces, by role. */
export type Namespaces = Record<keyof typeof NAMESPACES, k8s.core.v1.Namespace>;

// Pod Security Admission: the app and data namespaces run only "restricted" pods (non-root,
// no privilege escalation, seccomp); observability needs host access for node-exporter.
const POD_SECURITY: Record<keyof typeof NAMESPACES, 'restricted' | 'baseline' | 'privileged'> = {
  app: 'restricted',
  data: 'restricted',
  cnpg: 'restricted',
  observability: 'privileged',
};

/** Creates the namespaces with their Pod Security level. */
export function createNamespaces(): Namespaces {
  const create = (role: keyof typeof NAMESPACES): k8s.core.v1.Namespace =>
    new k8s.core.v1.Namespace(`namespace-${role}`, {
      metadata: {
        name: NAMESPACES[role],
        labels: {
          'app.kubernetes.io/part-of': 'pyairtable',
          'pod-security.kubernetes.io/enforce': POD_SECURITY[role],
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
  return {
    app: create('app'),
    data: create('data'),
    observability: create('observability'),
    cnpg: create('cnpg'),
  };
}
