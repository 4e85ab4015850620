/**
 * The local cluster's machinery, step by step: dockerd, the images, the registry, the kind
 * cluster with its pod network and add-ons, and tearing it all down again.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { childEnvironment } from '@pyairtable/kit';
import type { ClusterEnvironment } from './cluster-environment.ts';
import {
  captured,
  clusterCache,
  CONTEXT,
  LOCAL_CLUSTER,
  localClusterSetting,
  ROOT,
  runShown,
} from './cluster-environment.ts';
import { offlineKindConfig, podSubnetOf } from './offline-kind-config.ts';

/** The kind cluster's name (kind-config.yaml). */
export const CLUSTER_NAME = 'pyairtable';
/** The registry container, as kind's local registry guide and infra/kind/up.sh name it. */
const REGISTRY = 'kind-registry';
const REGISTRY_HOST_PORT = '127.0.0.1:5001';
/** The infra profile's images, pushed to the registry the nodes pull them from. */
const INFRA_IMAGES = ['POSTGRES_IMAGE', 'REDIS_IMAGE', 'PROMETHEUS_IMAGE', 'METRICS_ADAPTER_IMAGE'];

/** Where a run keeps its generated files (git-ignored). */
export const RUN_DIRECTORY = path.join(ROOT, '.data/local-cluster');

const script = (name: string): string => path.join(LOCAL_CLUSTER, name);

/** Starts the local cluster's dockerd (installing Debian's docker.io the first time). */
export async function startDockerd(): Promise<void> {
  await runShown(childEnvironment(), 'bash', [script('dockerd.sh'), 'start']);
}

/** Whether the node image is already built: a run that finds it is a warm one. */
export async function nodeImagePresent(env: NodeJS.ProcessEnv): Promise<boolean> {
  const image = await localClusterSetting('KIND_NODE_IMAGE');
  try {
    await captured(env, 'docker', ['image', 'inspect', image]);
    return true;
  } catch {
    return false;
  }
}

/** Builds what is not current: every image, then the node image. */
export async function buildImages(env: NodeJS.ProcessEnv): Promise<void> {
  await runShown(env, 'bash', [script('build-images.sh')]);
}

export async function buildNodeImage(env: NodeJS.ProcessEnv): Promise<void> {
  await runShown(env, 'bash', [script('build-node-image.sh')]);
}

/** Starts the registry on 127.0.0.1:5001 (storage in the cache, so pushes survive a down). */
export async function startRegistry(env: NodeJS.ProcessEnv): Promise<void> {
  const running = await captured(env, 'docker', [
    'ps',
    '--quiet',
    '--filter',
    `name=^${REGISTRY}$`,
  ]);
  if (running.trim() !== '') return;
  // A stopped one (dockerd was stopped under it) is replaced.
  const stopped = await captured(env, 'docker', [
    'ps',
    '--all',
    '--quiet',
    '--filter',
    `name=^${REGISTRY}$`,
  ]);
  if (stopped.trim() !== '') await runShown(env, 'docker', ['rm', '--force', REGISTRY]);
  const storage = path.join(clusterCache(), 'registry');
  mkdirSync(storage, { recursive: true });
  await runShown(env, 'docker', [
    'run',
    '--detach',
    '--restart=always',
    '--name',
    REGISTRY,
    '--publish',
    `${REGISTRY_HOST_PORT}:5000`,
    '--volume',
    `${storage}:/var/lib/registry`,
    '--volume',
    `${script('registry-config.yml')}:/etc/distribution/config.yml:ro`,
    await localClusterSetting('REGISTRY_IMAGE'),
    'serve',
    '/etc/distribution/config.yml',
  ]);
  await registryAnswering();
}

/**
 * Waits until the registry answers its API root: `docker run --detach` returns before the
 * registry listens, and a push in between has its connection reset.
 */
async function registryAnswering(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`http://${REGISTRY_HOST_PORT}/v2/`)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the registry did not answer on ${REGISTRY_HOST_PORT} within ${String(timeoutMs / 1000)} s`,
      );
    }
    await sleep(250);
  }
}

/** Pushes the infra profile's images to the registry as localhost:5001/<name>. */
export async function pushInfraImages(env: NodeJS.ProcessEnv): Promise<void> {
  for (const setting of INFRA_IMAGES) {
    const image = await localClusterSetting(setting);
    const pushed = `localhost:5001/${image}`;
    await runShown(env, 'docker', ['tag', image, pushed]);
    await runShown(env, 'docker', ['push', '--quiet', pushed]);
  }
}

/** Whether this machine runs cgroup v1 (hybrid included): no unified hierarchy at the root. */
function hostHasCgroupV1(): boolean {
  return !existsSync('/sys/fs/cgroup/cgroup.controllers');
}

/** Creates the kind cluster (unless it exists), its pod network, registry wiring and add-ons. */
export async function createCluster(tools: ClusterEnvironment): Promise<void> {
  const { env, kind, kubectl } = tools;
  const clusters = (await captured(env, kind, ['get', 'clusters'])).split('\n');
  mkdirSync(RUN_DIRECTORY, { recursive: true });
  const configFile = path.join(RUN_DIRECTORY, 'kind-config.yaml');
  const config = offlineKindConfig(await readFile(path.join(ROOT, 'kind-config.yaml'), 'utf8'), {
    nodeImage: await localClusterSetting('KIND_NODE_IMAGE'),
    cgroupV1: hostHasCgroupV1(),
  });
  writeFileSync(configFile, config);
  if (!clusters.includes(CLUSTER_NAME)) {
    await runShown(env, kind, ['create', 'cluster', '--config', configFile]);
  }
  const k = ['--context', CONTEXT];
  const podNetwork = (
    await readFile(path.join(LOCAL_CLUSTER, 'manifests/pod-network.yaml'), 'utf8')
  ).replace('POD_SUBNET_PLACEHOLDER', podSubnetOf(config));
  await runShown(env, kubectl, [...k, 'apply', '--filename', '-'], podNetwork);
  await runShown(env, kubectl, [
    ...k,
    'wait',
    '--for=condition=Ready',
    'nodes',
    '--all',
    '--timeout=300s',
  ]);
  const networks = await captured(env, 'docker', [
    'inspect',
    '--format',
    '{{json .NetworkSettings.Networks}}',
    REGISTRY,
  ]);
  if (!networks.includes('"kind"'))
    await runShown(env, 'docker', ['network', 'connect', 'kind', REGISTRY]);
  await runShown(env, kubectl, [
    ...k,
    'apply',
    '--filename',
    path.join(ROOT, 'infra/kind/local-registry-hosting.yaml'),
    '--filename',
    path.join(LOCAL_CLUSTER, 'manifests/metrics-server.yaml'),
  ]);
}

/** `tilt ci -- --infra=local`: the local infra profile and the platform, until all are healthy. */
export async function tiltCi(tools: ClusterEnvironment): Promise<void> {
  await runShown(tools.env, tools.tilt, [
    'ci',
    '--timeout',
    '25m',
    '--port',
    '0',
    '--',
    '--infra=local',
  ]);
}

/** Deletes the cluster and stops the registry and dockerd; `purge` also drops the images. */
export async function tearDown(tools: ClusterEnvironment, purge: boolean): Promise<void> {
  const { env, kind } = tools;
  await runShown(env, kind, ['delete', 'cluster', '--name', CLUSTER_NAME]);
  await runShown(env, 'docker', ['rm', '--force', REGISTRY]).catch(() => undefined);
  if (purge) {
    const images = (await captured(env, 'docker', ['images', '--quiet']))
      .split('\n')
      .filter(Boolean);
    if (images.length > 0) await runShown(env, 'docker', ['rmi', '--force', ...new Set(images)]);
    await runShown(env, 'docker', ['builder', 'prune', '--all', '--force']).catch(() => undefined);
    rmSync(path.join(clusterCache(), 'registry'), { recursive: true, force: true });
  }
  await runShown(childEnvironment(), 'bash', [script('dockerd.sh'), 'stop']);
}
