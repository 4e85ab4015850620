import { readFile } from 'node:fs/promises';
import type { ControlPlaneCertificates } from './certificates.ts';

/** A kubeconfig for the admin client of a test control plane, certificates inlined. */
export async function kubeconfigYaml(
  server: string,
  certificates: ControlPlaneCertificates,
): Promise<string> {
  const base64 = async (file: string): Promise<string> => (await readFile(file)).toString('base64');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'envtest',
        cluster: { server, 'certificate-authority-data': await base64(certificates.caCert) },
      },
    ],
    users: [
      {
        name: 'admin',
        user: {
          'client-certificate-data': await base64(certificates.adminCert),
          'client-key-data': await base64(certificates.adminKey),
        },
      },
    ],
    contexts: [{ name: 'envtest', context: { cluster: 'envtest', user: 'admin' } }],
    'current-context': 'envtest',
  };
  // JSON is YAML: kubectl and client-node both read it.
  return `${JSON.stringify(config, null, 2)}\n`;
}
