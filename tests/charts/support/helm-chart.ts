/**
 * Runs the Go-built helm against charts/pyairtable: lint, template, and the three renderings
 * CI checks (defaults with the two required secrets, values-dev.yaml, values-production.yaml).
 */
import { fileURLToPath } from 'node:url';
import { loadYaml } from '@kubernetes/client-node';
import type {
  KubernetesObject,
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1ConfigMap,
  V1Deployment,
  V1Ingress,
  V1Job,
  V1NetworkPolicy,
  V1PodDisruptionBudget,
  V1Role,
  V1RoleBinding,
  V1Secret,
  V1Service,
  V1ServiceAccount,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { ensureGoTool, runTool } from '../../envtest/index.ts';
import type { ToolResult } from '../../envtest/index.ts';

/** The chart's folder. */
export const CHART_DIRECTORY = fileURLToPath(
  new URL('../../../charts/pyairtable/', import.meta.url),
);

/** Release name and namespace of every rendering. */
export const RELEASE = 'pyairtable';
export const NAMESPACE = 'pyairtable';

/** What helm printed and how it exited. */
export type HelmResult = ToolResult;

/** Runs helm with `args`; never throws on a non-zero exit. */
export async function helm(args: readonly string[]): Promise<HelmResult> {
  return runTool(await ensureGoTool('helm'), args);
}

/** Values files (relative to the chart) and `--set` / `--set-string` pairs of one rendering. */
export interface ValuesInput {
  readonly valuesFiles?: readonly string[];
  /** Typed as helm types them (numbers, booleans). */
  readonly set?: Readonly<Record<string, string>>;
  /** Always strings (URLs, keys). */
  readonly setString?: Readonly<Record<string, string>>;
}

function valuesArguments(input: ValuesInput): string[] {
  return [
    ...(input.valuesFiles ?? []).flatMap((file) => ['-f', `${CHART_DIRECTORY}${file}`]),
    ...Object.entries(input.set ?? {}).flatMap(([key, value]) => ['--set', `${key}=${value}`]),
    ...Object.entries(input.setString ?? {}).flatMap(([key, value]) => [
      '--set-string',
      `${key}=${value}`,
    ]),
  ];
}

/** `helm template` of the chart. */
export function helmTemplate(input: ValuesInput = {}): Promise<HelmResult> {
  return helm([
    'template',
    RELEASE,
    CHART_DIRECTORY,
    '--namespace',
    NAMESPACE,
    ...valuesArguments(input),
  ]);
}

/** `helm lint --strict` of the chart. */
export function helmLint(input: ValuesInput = {}): Promise<HelmResult> {
  return helm([
    'lint',
    '--strict',
    CHART_DIRECTORY,
    '--namespace',
    NAMESPACE,
    ...valuesArguments(input),
  ]);
}

/** The values no install can do without (DATABASE_URL, SECRET_ENCRYPTION_KEYS). */
export const REQUIRED_VALUES: Readonly<Record<string, string>> = {
  'secrets.databaseUrl.value': 'postgres://pyairtable:chart-test-password@postgres:5432/pyairtable',
  'secrets.secretEncryptionKeys.value': `ci:${Buffer.alloc(32, 7).toString('base64')}`,
};

/** A rendering CI checks. */
export interface Rendering extends ValuesInput {
  readonly name: string;
}

/** The chart's defaults (plus the required values), development, and production-like values. */
export const RENDERINGS: readonly Rendering[] = [
  { name: 'default', setString: REQUIRED_VALUES },
  { name: 'dev', valuesFiles: ['values-dev.yaml'] },
  { name: 'production', valuesFiles: ['values-production.yaml'] },
];

/** The production values with a KEDA ScaledObject instead of the HPA. */
export const KEDA_RENDERING: Rendering = {
  name: 'keda',
  valuesFiles: ['values-production.yaml'],
  set: { 'chat.autoscaling.enabled': 'false', 'chat.keda.enabled': 'true' },
};

/** One document of a rendering: its text as helm printed it, and the object it holds. */
export interface RenderedDocument {
  readonly text: string;
  readonly object: KubernetesObject;
}

/** The documents of a multi-document YAML stream (those holding only comments are skipped). */
export function parseDocuments(yaml: string): RenderedDocument[] {
  return yaml
    .split(/^---\s*$/m)
    .filter((document) => document.split('\n').some((line) => /^\s*[^#\s]/.test(line)))
    .map((text) => ({ text, object: loadYaml<KubernetesObject>(text) }));
}

/**
 * The objects of a multi-document YAML stream, read through @kubernetes/client-node's models
 * (typed, but with its renames: a NetworkPolicy rule's `from` is `_from`).
 */
export function parseObjects(yaml: string): KubernetesObject[] {
  return parseDocuments(yaml).map((document) => document.object);
}

/** Renders `input` and parses the result; fails with helm's message when it does not render. */
export async function renderObjects(input: ValuesInput): Promise<KubernetesObject[]> {
  const result = await helmTemplate(input);
  if (result.exitCode !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return parseObjects(result.stdout);
}

/** KEDA's ScaledObject, as far as the tests read it. */
export interface ScaledObject extends KubernetesObject {
  spec: {
    scaleTargetRef: { name: string; kind?: string };
    triggers: { type: string; metricType?: string; metadata: Record<string, string> }[];
  };
}

/** prometheus-operator's PrometheusRule, as far as the tests read it. */
export interface PrometheusRule extends KubernetesObject {
  spec: { groups: { name: string; rules: { alert?: string; record?: string; expr: string }[] }[] };
}

/** The type each kind the chart renders is read as. */
export interface RenderedKinds {
  ClusterRole: V1ClusterRole;
  ClusterRoleBinding: V1ClusterRoleBinding;
  ConfigMap: V1ConfigMap;
  Deployment: V1Deployment;
  HorizontalPodAutoscaler: V2HorizontalPodAutoscaler;
  HTTPRoute: KubernetesObject;
  Ingress: V1Ingress;
  Job: V1Job;
  NetworkPolicy: V1NetworkPolicy;
  PodDisruptionBudget: V1PodDisruptionBudget;
  PrometheusRule: PrometheusRule;
  Role: V1Role;
  RoleBinding: V1RoleBinding;
  ScaledObject: ScaledObject;
  Secret: V1Secret;
  Service: V1Service;
  ServiceAccount: V1ServiceAccount;
  ServiceMonitor: KubernetesObject;
}

/** The objects of `kind`. */
export function ofKind<Kind extends keyof RenderedKinds>(
  objects: readonly KubernetesObject[],
  kind: Kind,
): RenderedKinds[Kind][] {
  return objects.filter((object) => object.kind === kind) as RenderedKinds[Kind][];
}

/** The one object of `kind` named `name`; throws when it is missing. */
export function named<Kind extends keyof RenderedKinds>(
  objects: readonly KubernetesObject[],
  kind: Kind,
  name: string,
): RenderedKinds[Kind] {
  const found = ofKind(objects, kind).find((object) => object.metadata?.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name} in the rendering`);
  return found;
}
