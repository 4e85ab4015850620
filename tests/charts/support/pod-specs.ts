/** The pods a rendering would run: Deployments and Jobs, their containers and environment. */
import type { KubernetesObject, V1Container, V1PodSpec } from '@kubernetes/client-node';
import { ofKind } from './helm-chart.ts';

/** One workload's pod template. */
export interface RenderedPod {
  readonly kind: 'Deployment' | 'Job';
  readonly name: string;
  /** Its app.kubernetes.io/component label. */
  readonly component: string;
  readonly spec: V1PodSpec;
  readonly labels: Readonly<Record<string, string>>;
}

/** Every Deployment's and Job's pod template. */
export function renderedPods(objects: readonly KubernetesObject[]): RenderedPod[] {
  const workloads = [
    ...ofKind(objects, 'Deployment').map((object) => ({
      kind: 'Deployment' as const,
      object,
      template: object.spec?.template,
    })),
    ...ofKind(objects, 'Job').map((object) => ({
      kind: 'Job' as const,
      object,
      template: object.spec?.template,
    })),
  ];
  return workloads.map(({ kind, object, template }) => {
    const labels = template?.metadata?.labels ?? {};
    if (template?.spec === undefined) throw new Error(`${kind} without a pod spec`);
    return {
      kind,
      name: object.metadata?.name ?? '',
      component: labels['app.kubernetes.io/component'] ?? '',
      spec: template.spec,
      labels,
    };
  });
}

/** Init containers and containers together, in the order they run. */
export function allContainers(spec: V1PodSpec): V1Container[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

/** How one environment variable of a container gets its value. */
export type EnvSource =
  | { readonly from: 'configMap'; readonly value: string }
  | { readonly from: 'value'; readonly value: string }
  | { readonly from: 'secret'; readonly secret: string; readonly key: string }
  | { readonly from: 'field'; readonly fieldPath: string };

/** A container's variables by name, ConfigMaps of `envFrom` resolved from the rendering. */
export function containerEnvironment(
  container: V1Container,
  objects: readonly KubernetesObject[],
): Map<string, EnvSource> {
  const environment = new Map<string, EnvSource>();
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name;
    if (name === undefined) throw new Error(`${container.name}: envFrom other than a ConfigMap`);
    const configMap = ofKind(objects, 'ConfigMap').find(
      (candidate) => candidate.metadata?.name === name,
    );
    if (configMap === undefined) throw new Error(`${container.name}: ConfigMap ${name} missing`);
    for (const [key, value] of Object.entries(configMap.data ?? {}))
      environment.set(key, { from: 'configMap', value });
  }
  for (const variable of container.env ?? []) {
    const secret = variable.valueFrom?.secretKeyRef;
    const field = variable.valueFrom?.fieldRef;
    if (secret !== undefined) {
      environment.set(variable.name, {
        from: 'secret',
        secret: secret.name ?? '',
        key: secret.key,
      });
    } else if (field !== undefined) {
      environment.set(variable.name, { from: 'field', fieldPath: field.fieldPath });
    } else {
      environment.set(variable.name, { from: 'value', value: variable.value ?? '' });
    }
  }
  return environment;
}
