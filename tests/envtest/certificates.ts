import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The files a test control plane needs for TLS and identities. */
export interface ControlPlaneCertificates {
  readonly caCert: string;
  readonly servingCert: string;
  readonly servingKey: string;
  /** Client certificate of `admin` in `system:masters` (cluster-admin without RBAC objects). */
  readonly adminCert: string;
  readonly adminKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPublicKey: string;
}

/** Creates a CA, the apiserver's serving certificate, an admin client and service-account keys. */
export async function createCertificates(directory: string): Promise<ControlPlaneCertificates> {
  const file = (name: string): string => path.join(directory, name);
  const openssl = (...args: string[]) => run('openssl', args);
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

  await openssl(
    'req',
    '-x509',
    ...ecKey,
    '-days',
    '30',
    '-subj',
    '/CN=pyairtable-envtest-ca',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.crt'),
  );
  const sign = async (name: string, subject: string, extensions: string): Promise<void> => {
    await writeFile(file(`${name}.ext`), extensions);
    await openssl(
      'req',
      ...ecKey,
      '-subj',
      subject,
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.csr`),
    );
    await openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.crt'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-days',
      '30',
      '-extfile',
      file(`${name}.ext`),
      '-out',
      file(`${name}.crt`),
    );
  };
  await sign(
    'serving',
    '/CN=kube-apiserver',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  await sign('admin', '/O=system:masters/CN=admin', 'extendedKeyUsage=clientAuth\n');
  await openssl(
    'genpkey',
    '-algorithm',
    'RSA',
    '-pkeyopt',
    'rsa_keygen_bits:2048',
    '-out',
    file('service-account.key'),
  );
  await openssl(
    'pkey',
    '-in',
    file('service-account.key'),
    '-pubout',
    '-out',
    file('service-account.pub'),
  );
  return {
    caCert: file('ca.crt'),
    servingCert: file('serving.crt'),
    servingKey: file('serving.key'),
    adminCert: file('admin.crt'),
    adminKey: file('admin.key'),
    serviceAccountKey: file('service-account.key'),
    serviceAccountPublicKey: file('service-account.pub'),
  };
}
