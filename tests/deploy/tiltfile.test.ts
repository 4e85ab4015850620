/**
 * The Tiltfile, evaluated by Tilt itself (`tilt alpha tiltfile-result`, Tilt built from its Go
 * module) against a kind-pyairtable kubeconfig — no cluster is needed to evaluate — and its
 * result checked against the repository: the infrastructure first through the Pulumi kind
 * stack, then the chart with values-dev.yaml; one image per Dockerfile target whose build
 * context holds what the target copies; live update syncing to where the code runs, with Node
 * in watch mode for the Deployments only; the gateway and Grafana where kind publishes them;
 * k6 and the tests on demand; and no other cluster.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAllYaml } from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool } from '../envtest/index.ts';
import { ensureDeployTool, runTool } from './deploy-tools.ts';
import {
  copies,
  effective,
  execForm,
  inheritedInstructions,
  readDockerfile,
  REPOSITORY_ROOT,
  stageChain,
} from './dockerfile-model.ts';
import type { Dockerfile } from './dockerfile-model.ts';
import { at } from './value-path.ts';

interface ImageTarget {
  readonly selector: string;
  readonly LiveUpdateSpec?: {
    readonly syncs?: { localPath: string; containerPath: string }[];
    readonly stopPaths?: string[];
  };
  readonly BuildDetails: {
    readonly dockerfileContents: string;
    readonly target: string;
    readonly args?: string[];
    readonly contextIgnores?: { basePath: string; patterns?: string[] }[];
  };
}

interface Manifest {
  readonly Name: string;
  readonly Labels?: Record<string, string>;
  readonly TriggerMode: number;
  readonly ResourceDependencies: string[] | null;
  readonly ImageTargets?: ImageTarget[];
  readonly DeployTarget?: Record<string, unknown>;
}

interface TiltfileResult {
  readonly Manifests: Manifest[];
  readonly ConfigFiles: string[];
  readonly Error: unknown;
}

const TARGETS = ['gateway', 'chat', 'mcp', 'operator', 'airtable-emulator'];
// Tilt's TriggerMode values (pkg/model/trigger_mode.go).
const TRIGGER_MODE_MANUAL = 2;

let tilt = '';
let scratch = '';
let toolsCache = '';
let dockerfile: Dockerfile;
let result: TiltfileResult;
let withPortForwards: TiltfileResult;
let localInfra: TiltfileResult;

async function kubeconfig(context: string): Promise<string> {
  const file = path.join(scratch, `kubeconfig-${context}`);
  await writeFile(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
      'users: [{name: u, user: {token: unused}}]',
      `contexts: [{name: ${context}, context: {cluster: c, user: u}}]`,
      `current-context: ${context}`,
    ].join('\n'),
  );
  return file;
}

/** Evaluates the Tiltfile with nothing from this machine's environment but a PATH without helm. */
async function evaluate(context: string, tiltfileArgs: readonly string[] = []) {
  return runTool(
    tilt,
    ['alpha', 'tiltfile-result', ...(tiltfileArgs.length > 0 ? ['--', ...tiltfileArgs] : [])],
    {
      cwd: REPOSITORY_ROOT,
      env: {
        HOME: path.join(scratch, 'home'),
        KUBECONFIG: await kubeconfig(context),
        PATH: '/usr/bin:/bin',
        PYAIRTABLE_TOOLS_CACHE: toolsCache,
      },
    },
  );
}

async function evaluated(tiltfileArgs: readonly string[] = []): Promise<TiltfileResult> {
  const evaluation = await evaluate('kind-pyairtable', tiltfileArgs);
  if (evaluation.exitCode !== 0)
    throw new Error(`tilt alpha tiltfile-result failed: ${evaluation.stderr}`);
  return JSON.parse(evaluation.stdout) as TiltfileResult;
}

const manifest = (from: TiltfileResult, name: string): Manifest => {
  const found = from.Manifests.find((item) => item.Name === name);
  if (found === undefined) throw new Error(`the Tiltfile has no resource ${name}`);
  return found;
};
const command = (from: TiltfileResult, name: string): string =>
  (at(manifest(from, name).DeployTarget, 'UpdateCmdSpec.args') as string[]).join(' ');
const env = (from: TiltfileResult, name: string): string[] =>
  at(manifest(from, name).DeployTarget, 'UpdateCmdSpec.env') as string[];
const links = (item: Manifest): string[] =>
  (
    (at(item.DeployTarget, 'Links') as
      { URL: { Scheme: string; Host: string; Path: string } }[] | undefined) ?? []
  ).map((link) => `${link.URL.Scheme}://${link.URL.Host}${link.URL.Path}`);
const workloads = (from: TiltfileResult): Manifest[] =>
  from.Manifests.filter((item) => at(item.DeployTarget, 'yaml'));
const deployed = (item: Manifest): KubernetesObject[] =>
  loadAllYaml(String(at(item.DeployTarget, 'yaml'))) as KubernetesObject[];
const imageTargets = (from: TiltfileResult): Map<string, ImageTarget> =>
  new Map(
    from.Manifests.flatMap((item) => item.ImageTargets ?? []).map((target) => [
      target.selector,
      target,
    ]),
  );

beforeAll(async () => {
  [tilt, toolsCache] = await Promise.all([
    ensureDeployTool('tilt'),
    ensureGoTool('helm').then((helm) => path.dirname(path.dirname(helm))),
  ]);
  scratch = await mkdtemp(path.join(tmpdir(), 'tiltfile-'));
  dockerfile = await readDockerfile();
  [result, withPortForwards, localInfra] = await Promise.all([
    evaluated(),
    evaluated(['--port-forwards']),
    evaluated(['--infra=local']),
  ]);
}, 30 * 60_000);

afterAll(async () => {
  if (scratch !== '') await rm(scratch, { recursive: true, force: true });
});

describe('the Tiltfile', () => {
  it('evaluates, with a resource for every workload the chart renders', () => {
    expect(result.Error).toBeNull();
    const names = result.Manifests.map((item) => item.Name);
    for (const target of TARGETS) expect(names).toContain(`pyairtable-${target}`);
    expect(names).toEqual(
      expect.arrayContaining(['infra', 'app-config', 'pyairtable-migrations', 'k6-smoke', 'tests']),
    );
    // Nothing left to Tilt's "uncategorized" resource, which would not wait for infra.
    expect(names).not.toContain('uncategorized');
  });

  it('brings up the infrastructure first, with the Pulumi kind stack, state kept out of git', async () => {
    expect(command(result, 'infra')).toContain('npm run --silent up:kind -w infra');
    const infra = JSON.parse(
      await readFile(path.join(REPOSITORY_ROOT, 'infra/package.json'), 'utf8'),
    ) as {
      scripts: Record<string, string>;
    };
    expect(infra.scripts['up:kind']).toContain('pulumi up --stack kind');
    for (const dep of at(manifest(result, 'infra').DeployTarget, 'Deps') as string[]) {
      expect(existsSync(dep), dep).toBe(true);
    }
    expect(env(result, 'infra')).toContain(
      `PULUMI_BACKEND_URL=file://${path.join(REPOSITORY_ROOT, '.data/pulumi')}`,
    );
    expect(await readFile(path.join(REPOSITORY_ROOT, '.gitignore'), 'utf8')).toMatch(/^\.data\/$/m);
    for (const item of workloads(result)) {
      const expected = item.Name === 'app-config' ? ['infra'] : ['infra', 'app-config'];
      expect(item.ResourceDependencies, item.Name).toEqual(expected);
    }
  });

  it('applies charts/pyairtable with values-dev.yaml and the overlay wiring it to the kind stack', () => {
    const files = result.ConfigFiles.map((file) => path.relative(REPOSITORY_ROOT, file));
    expect(files).toEqual(
      expect.arrayContaining([
        'charts/pyairtable',
        'charts/pyairtable/values-dev.yaml',
        'infra/kind/tilt-values.yaml',
      ]),
    );
    for (const file of files) {
      if (file !== 'tilt_config.json' && file !== '.tiltignore')
        expect(existsSync(path.join(REPOSITORY_ROOT, file)), file).toBe(true);
    }
    // `helm template` leaves crds/ out unless asked: the operator's CRDs must be applied too.
    const crds = deployed(manifest(result, 'app-config')).filter(
      (object) => object.kind === 'CustomResourceDefinition',
    );
    expect(crds.map((crd) => crd.metadata?.name).toSorted()).toEqual([
      'tenants.pyairtable.io',
      'workspaces.pyairtable.io',
    ]);
  });

  it('groups its resources by labels', () => {
    expect(manifest(result, 'infra').Labels).toEqual({ infra: 'infra' });
    for (const item of workloads(result)) expect(item.Labels, item.Name).toEqual({ app: 'app' });
    expect(manifest(result, 'k6-smoke').Labels).toEqual({ load: 'load' });
    expect(manifest(result, 'tests').Labels).toEqual({ tests: 'tests' });
  });

  it('builds one image per Dockerfile target, from this Dockerfile, its sources owned by the service user', async () => {
    const images = imageTargets(result);
    expect([...images.keys()].toSorted()).toEqual(
      TARGETS.map((target) => `pyairtable/${target}`).toSorted(),
    );
    const text = await readFile(path.join(REPOSITORY_ROOT, 'Dockerfile'), 'utf8');
    for (const [selector, image] of images) {
      const target = image.BuildDetails.target;
      expect(selector).toBe(`pyairtable/${target}`);
      expect(image.BuildDetails.dockerfileContents).toBe(text);
      const uid = effective(dockerfile, target, 'USER')?.split(':')[0];
      expect(image.BuildDetails.args).toEqual([`SOURCE_OWNER=${String(uid)}`]);
      const declared = stageChain(dockerfile, target)
        .at(-1)
        ?.instructions.some(
          (instruction) =>
            instruction.keyword === 'ARG' && instruction.raw.startsWith('SOURCE_OWNER'),
        );
      expect(declared, `${target} declares ARG SOURCE_OWNER`).toBe(true);
    }
  });

  it('puts into each build context every file its Dockerfile target copies', () => {
    const stagesOf = (name: string): string[] => {
      const chain = stageChain(dockerfile, name).map((stage) => stage.name);
      const fromStages = copies(inheritedInstructions(dockerfile, name)).flatMap((copy) =>
        copy.from === undefined ? [] : stagesOf(copy.from),
      );
      return [...new Set([...chain, ...fromStages])];
    };
    for (const image of imageTargets(result).values()) {
      const only = (image.BuildDetails.contextIgnores ?? [])
        .flatMap((ignore) => ignore.patterns ?? [])
        .filter((pattern) => pattern.startsWith('!'))
        .map((pattern) => pattern.slice(1));
      const sources = stagesOf(image.BuildDetails.target).flatMap((stage) =>
        copies(stageChain(dockerfile, stage).at(-1)?.instructions ?? [])
          .filter((copy) => copy.from === undefined)
          .flatMap((copy) => copy.sources.map((source) => source.replace(/\/$/, ''))),
      );
      for (const source of sources) {
        const included = only.some((entry) => source === entry || source.startsWith(`${entry}/`));
        expect(included, `${image.selector}: ${source} is outside Tilt's build context`).toBe(true);
      }
    }
  });

  it('live-updates the sources of each target where the image runs them, and rebuilds on a manifest change', () => {
    for (const image of imageTargets(result).values()) {
      const target = image.BuildDetails.target;
      const syncs = image.LiveUpdateSpec?.syncs ?? [];
      expect(syncs.length, target).toBeGreaterThan(0);
      for (const sync of syncs) {
        expect(existsSync(path.join(REPOSITORY_ROOT, sync.localPath)), sync.localPath).toBe(true);
        expect(sync.containerPath).toBe(
          `${String(effective(dockerfile, target, 'WORKDIR'))}/${sync.localPath}`,
        );
        const copied = copies(inheritedInstructions(dockerfile, target)).some((copy) =>
          copy.sources.includes(`${sync.localPath}/`),
        );
        expect(copied, `${target}: ${sync.localPath} is not in the image`).toBe(true);
      }
      const stops = image.LiveUpdateSpec?.stopPaths ?? [];
      expect(stops).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
      for (const sync of syncs) expect(stops, target).toContain(`${sync.localPath}/package.json`);
    }
    // The web app is bundled at build time: a change to it rebuilds the gateway.
    expect(imageTargets(result).get('pyairtable/gateway')?.LiveUpdateSpec?.stopPaths).toContain(
      'services/web',
    );
  });

  it('runs the Deployments in Node watch mode, restarting on a synced change, and the migrations as they are', () => {
    for (const item of workloads(result)) {
      for (const object of deployed(item).filter((entity) =>
        ['Deployment', 'Job'].includes(entity.kind ?? ''),
      )) {
        const containers = at(object, 'spec.template.spec.containers') as {
          image: string;
          command: string[];
        }[];
        for (const container of containers) {
          const target = /\/([^/:]+)(:|$)/.exec(container.image)?.[1] ?? '';
          const image = [
            ...execForm(effective(dockerfile, target, 'ENTRYPOINT')),
            ...execForm(effective(dockerfile, target, 'CMD')),
          ];
          if (object.kind === 'Deployment') {
            expect(container.command, item.Name).toEqual(['node', '--watch', ...image.slice(1)]);
          } else {
            expect(container.command, item.Name).not.toContain('--watch');
          }
        }
      }
    }
  });

  it('links the gateway and Grafana where kind publishes them, forwarding ports only when asked', () => {
    expect(links(manifest(result, 'pyairtable-gateway'))).toContain('http://127.0.0.1:8000');
    expect(links(manifest(result, 'infra'))).toContain('http://127.0.0.1:3000');
    for (const item of workloads(result))
      expect(at(item.DeployTarget, 'portForwardTemplateSpec'), item.Name).toBeUndefined();
    expect(result.Manifests.some((item) => item.Name === 'grafana-port-forward')).toBe(false);

    expect(
      at(
        manifest(withPortForwards, 'pyairtable-gateway').DeployTarget,
        'portForwardTemplateSpec.forwards',
      ),
    ).toEqual([{ localPort: 8000, containerPort: 8000, host: 'localhost' }]);
    const grafana = at(
      manifest(withPortForwards, 'grafana-port-forward').DeployTarget,
      'ServeCmd.Argv',
    ) as string[];
    expect(grafana.join(' ')).toContain(
      '--namespace monitoring port-forward service/kube-prometheus-stack-grafana 3000:80',
    );
  });

  it('runs the k6 smoke test and the tests only when triggered', async () => {
    const k6 = manifest(result, 'k6-smoke');
    expect(k6.TriggerMode).toBe(TRIGGER_MODE_MANUAL);
    expect(k6.ResourceDependencies).toEqual(['pyairtable-gateway']);
    const script = /k6\)" run (\S+)/.exec(command(result, 'k6-smoke'))?.[1] ?? '';
    expect(existsSync(path.join(REPOSITORY_ROOT, script)), script).toBe(true);
    expect(env(result, 'k6-smoke')).toEqual(
      expect.arrayContaining(['BASE_URL=http://127.0.0.1:8000', 'PROFILE=smoke']),
    );

    const tests = manifest(result, 'tests');
    expect(tests.TriggerMode).toBe(TRIGGER_MODE_MANUAL);
    expect(command(result, 'tests')).toBe('sh -c npm test');
    const root = JSON.parse(await readFile(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(root.scripts['test']).toBeDefined();
  });

  it('refuses any cluster but kind-pyairtable', async () => {
    const evaluation = await evaluate('production');
    expect(evaluation.exitCode).not.toBe(0);
    expect(evaluation.stderr).toContain("allow_k8s_contexts('production')");
  });
});

describe('the Tiltfile with --infra=local (infra/local-cluster)', () => {
  it('brings up the local infrastructure profile instead of the Pulumi stack', () => {
    expect(command(localInfra, 'infra')).toContain(
      'infra/local-cluster/infra-up.sh --context kind-pyairtable',
    );
    expect(command(localInfra, 'infra')).not.toContain('pulumi');
    for (const dep of at(manifest(localInfra, 'infra').DeployTarget, 'Deps') as string[]) {
      expect(existsSync(dep), dep).toBe(true);
    }
  });

  it('renders the chart with the local cluster values: the chat HPA on, 1 to 4 replicas, 2 answers in flight per pod', () => {
    const objects = workloads(localInfra).flatMap(deployed);
    const configObjects = deployed(manifest(localInfra, 'app-config'));
    const hpa = [...objects, ...configObjects].find(
      (object) => object.kind === 'HorizontalPodAutoscaler',
    ) as unknown as {
      spec: {
        minReplicas: number;
        maxReplicas: number;
        metrics: { type: string; pods?: { target: { averageValue: string } } }[];
      };
    };
    expect(hpa.spec.minReplicas).toBe(1);
    expect(hpa.spec.maxReplicas).toBe(4);
    expect(
      hpa.spec.metrics.find((metric) => metric.type === 'Pods')?.pods?.target.averageValue,
    ).toBe('2');
    // The Pulumi profile leaves the HPA off, as values-dev.yaml does.
    const pulumiObjects = [
      ...workloads(result).flatMap(deployed),
      ...deployed(manifest(result, 'app-config')),
    ];
    expect(pulumiObjects.some((object) => object.kind === 'HorizontalPodAutoscaler')).toBe(false);
  });

  it('refuses an unknown profile, naming the choices', async () => {
    const evaluation = await evaluate('kind-pyairtable', ['--infra=helmfile']);
    expect(evaluation.exitCode).not.toBe(0);
    expect(evaluation.stderr + evaluation.stdout).toContain('--infra must be pulumi or local');
  });
});
