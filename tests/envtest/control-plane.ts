import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '@pyairtable/kit';
import { createCertificates } from './certificates.ts';
import type { ControlPlaneCertificates } from './certificates.ts';
import { ensureGoTool } from './go-tools.ts';
import { kubeconfigYaml } from './kubeconfig.ts';

/**
 * An envtest-style control plane: etcd and kube-apiserver built from their Go modules, no
 * kubelet and no controllers (so nothing is garbage-collected and namespaces never finish
 * terminating). Tests talk to it as `system:masters` through `kubeconfigPath`.
 */
export interface ControlPlane {
  /** https://127.0.0.1:<port> */
  readonly server: string;
  /** A kubeconfig file for kubectl and @kubernetes/client-node. */
  readonly kubeconfigPath: string;
  readonly workDir: string;
  /** Stops the apiserver only; etcd keeps the data, so `startApiServer` resumes where it was. */
  stopApiServer(): Promise<void>;
  startApiServer(): Promise<void>;
  stop(): Promise<void>;
}

/** Options of {@link startControlPlane}. */
export interface ControlPlaneOptions {
  /** Where data, certificates and logs go (a fresh temporary folder by default, removed on stop). */
  readonly workDir?: string;
}

const READY_TIMEOUT_MS = 60_000;

/** Builds the binaries if needed (once), then starts etcd and kube-apiserver on loopback. */
export async function startControlPlane(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const [etcdBinary, apiServerBinary] = await Promise.all([
    ensureGoTool('etcd'),
    ensureGoTool('kube-apiserver'),
  ]);
  const ownsWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? (await mkdtemp(path.join(tmpdir(), 'pyairtable-envtest-')));
  await mkdir(path.join(workDir, 'certs'), { recursive: true });
  const certificates = await createCertificates(path.join(workDir, 'certs'));
  const [etcdPort, etcdPeerPort, apiPort] = [
    await findFreePort(),
    await findFreePort(),
    await findFreePort(),
  ];
  const etcdUrl = `http://127.0.0.1:${etcdPort}`;
  const server = `https://127.0.0.1:${apiPort}`;

  const etcd = startProcess(etcdBinary, path.join(workDir, 'etcd.log'), [
    `--data-dir=${path.join(workDir, 'etcd')}`,
    `--listen-client-urls=${etcdUrl}`,
    `--advertise-client-urls=${etcdUrl}`,
    `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
    `--initial-cluster=default=http://127.0.0.1:${etcdPeerPort}`,
    '--unsafe-no-fsync=true',
    '--log-level=warn',
  ]);
  await waitFor('etcd', etcd, () => httpOk(`${etcdUrl}/health`));

  const apiServerArgs = apiServerArguments(certificates, etcdUrl, apiPort, workDir);
  let apiServer: ManagedProcess | undefined;
  const startApiServer = async (): Promise<void> => {
    apiServer = startProcess(
      apiServerBinary,
      path.join(workDir, 'kube-apiserver.log'),
      apiServerArgs,
    );
    const started = apiServer;
    await waitFor('kube-apiserver', started, () => apiServerReady(server, certificates));
  };
  // An apiserver waits for its long-running watches before it exits; tests that stop it
  // want an outage, not a drain, so it gets two seconds.
  const stopApiServer = async (): Promise<void> => {
    await apiServer?.stop(2_000);
    apiServer = undefined;
  };

  try {
    await startApiServer();
  } catch (error) {
    await stopApiServer();
    await etcd.stop();
    const log = await readFile(path.join(workDir, 'kube-apiserver.log'), 'utf8').catch(() => '');
    if (ownsWorkDir) await rm(workDir, { recursive: true, force: true });
    throw new Error(
      `${String(error)}; the end of its log:\n${log.split('\n').slice(-5).join('\n')}`,
      { cause: error },
    );
  }
  const kubeconfigPath = path.join(workDir, 'kubeconfig');
  await writeFile(kubeconfigPath, await kubeconfigYaml(server, certificates), { mode: 0o600 });

  return {
    server,
    kubeconfigPath,
    workDir,
    stopApiServer,
    startApiServer,
    async stop() {
      await stopApiServer();
      await etcd.stop();
      if (ownsWorkDir) await rm(workDir, { recursive: true, force: true });
    },
  };
}

function apiServerArguments(
  certificates: ControlPlaneCertificates,
  etcdUrl: string,
  port: number,
  workDir: string,
): string[] {
  return [
    `--etcd-servers=${etcdUrl}`,
    '--advertise-address=127.0.0.1',
    // The endpoint reconciler refuses loopback addresses; nothing here needs the
    // `kubernetes` Service's endpoints anyway.
    '--endpoint-reconciler-type=none',
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    `--cert-dir=${path.join(workDir, 'certs')}`,
    `--tls-cert-file=${certificates.servingCert}`,
    `--tls-private-key-file=${certificates.servingKey}`,
    `--client-ca-file=${certificates.caCert}`,
    '--service-cluster-ip-range=10.0.0.0/24',
    '--authorization-mode=RBAC',
    '--allow-privileged=true',
    `--service-account-issuer=https://127.0.0.1:${port}`,
    `--service-account-key-file=${certificates.serviceAccountPublicKey}`,
    `--service-account-signing-key-file=${certificates.serviceAccountKey}`,
    // No controller-manager mints service-account tokens here, so the admission plugin that
    // waits for them would refuse every pod.
    '--disable-admission-plugins=ServiceAccount',
    '--v=0',
  ];
}

interface ManagedProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  stop(graceMs?: number): Promise<void>;
}

function startProcess(binary: string, logFile: string, args: readonly string[]): ManagedProcess {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });
  return {
    child,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const stopped = await Promise.race([exited.then(() => true), sleep(graceMs, false)]);
        if (!stopped) child.kill('SIGKILL');
        await exited;
      }
      log.end();
    },
  };
}

async function waitFor(
  name: string,
  process: ManagedProcess,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exitCode: number | null | undefined;
  void process.exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${name} exited with code ${String(exitCode)}`);
    if (await ready()) return;
    await sleep(100);
  }
  throw new Error(`${name} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function apiServerReady(
  server: string,
  certificates: ControlPlaneCertificates,
): Promise<boolean> {
  const [ca, cert, key] = await Promise.all(
    [certificates.caCert, certificates.adminCert, certificates.adminKey].map((file) =>
      readFile(file),
    ),
  );
  return new Promise((resolve) => {
    const req = request(`${server}/readyz`, { ca, cert, key, timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    req.on('error', () => {
      resolve(false);
    });
    req.on('timeout', () => {
      req.destroy();
    });
    req.end();
  });
}
