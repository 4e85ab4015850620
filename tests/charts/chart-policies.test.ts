/**
 * Scaling, disruption, access and exposure as rendered: chat's HPA on answers in flight with a
 * CPU fallback (or KEDA, never both on one Deployment), PDBs that select their pods, the
 * operator's least-privilege RBAC, NetworkPolicies, Ingress/HTTPRoute and the monitoring objects.
 */
import type { KubernetesObject, V1NetworkPolicy, V1PolicyRule } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool } from '../envtest/index.ts';
import {
  KEDA_RENDERING,
  named,
  ofKind,
  REQUIRED_VALUES,
  renderObjects,
  RENDERINGS,
} from './support/helm-chart.ts';
import type { Rendering } from './support/helm-chart.ts';

/** Defaults with the operator reconciling one namespace only. */
const WATCH_ONE_NAMESPACE: Rendering = {
  name: 'watch-namespace',
  setString: { ...REQUIRED_VALUES, 'operator.watchNamespace': 'tenants' },
};

const rendered = new Map<string, KubernetesObject[]>();

beforeAll(async () => {
  await ensureGoTool('helm');
  for (const rendering of [...RENDERINGS, KEDA_RENDERING, WATCH_ONE_NAMESPACE])
    rendered.set(rendering.name, await renderObjects(rendering));
}, 30 * 60_000);

function objectsOf(name: string): KubernetesObject[] {
  const objects = rendered.get(name);
  if (objects === undefined) throw new Error(`no ${name} rendering`);
  return objects;
}

describe('chat autoscaling', () => {
  it('scales production on chat_generations_in_flight per pod, with CPU as the fallback', () => {
    const objects = objectsOf('production');
    const hpa = named(objects, 'HorizontalPodAutoscaler', 'pyairtable-chat');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'pyairtable-chat',
    });
    const [inFlight, cpu] = hpa.spec.metrics ?? [];
    expect(inFlight?.type).toBe('Pods');
    expect(inFlight?.pods?.metric.name).toBe('chat_generations_in_flight');
    expect(inFlight?.pods?.target.type).toBe('AverageValue');
    expect(cpu?.type).toBe('Resource');
    expect(cpu?.resource?.name).toBe('cpu');
    expect(cpu?.resource?.target.type).toBe('Utilization');
    expect(hpa.spec.behavior?.scaleDown?.stabilizationWindowSeconds).toBe(300);
    // The HPA owns the replica count: a `replicas` in the Deployment would fight it on upgrades.
    expect(named(objects, 'Deployment', 'pyairtable-chat').spec?.replicas).toBeUndefined();
  });

  it('uses a KEDA ScaledObject on the same signal when switched, and then no HPA', () => {
    const objects = objectsOf('keda');
    expect(ofKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
    const scaled = named(objects, 'ScaledObject', 'pyairtable-chat');
    expect(scaled.spec.scaleTargetRef.name).toBe('pyairtable-chat');
    const [prometheus, cpu] = scaled.spec.triggers;
    expect(prometheus?.type).toBe('prometheus');
    expect(prometheus?.metadata['query']).toContain('chat_generations_in_flight');
    expect(cpu?.type).toBe('cpu');
  });

  it('never has an HPA and a ScaledObject on the same Deployment in any rendering', () => {
    for (const [name, objects] of rendered) {
      const hpaTargets = ofKind(objects, 'HorizontalPodAutoscaler').map(
        (hpa) => hpa.spec.scaleTargetRef.name,
      );
      const kedaTargets = ofKind(objects, 'ScaledObject').map(
        (scaled) => scaled.spec.scaleTargetRef.name,
      );
      expect(
        hpaTargets.filter((target) => kedaTargets.includes(target)),
        name,
      ).toEqual([]);
    }
  });
});

describe('PodDisruptionBudgets', () => {
  it('cover every production component and select exactly its pods', () => {
    const objects = objectsOf('production');
    const budgets = ofKind(objects, 'PodDisruptionBudget');
    expect(budgets.map((budget) => budget.metadata?.name).toSorted()).toEqual([
      'pyairtable-chat',
      'pyairtable-gateway',
      'pyairtable-mcp',
      'pyairtable-operator',
    ]);
    for (const budget of budgets) {
      const deployment = named(objects, 'Deployment', budget.metadata?.name ?? '');
      const podLabels = deployment.spec?.template.metadata?.labels ?? {};
      for (const [key, value] of Object.entries(budget.spec?.selector?.matchLabels ?? {}))
        expect(podLabels[key], `${budget.metadata?.name ?? ''} ${key}`).toBe(value);
      // Fewer pods than minAvailable would block every node drain.
      const minimum = budget.spec?.minAvailable;
      const replicas =
        deployment.spec?.replicas ??
        named(objects, 'HorizontalPodAutoscaler', budget.metadata?.name ?? '').spec.minReplicas;
      if (typeof minimum === 'number') expect(replicas).toBeGreaterThan(minimum);
    }
  });

  it('are left out of the development install', () => {
    expect(ofKind(objectsOf('dev'), 'PodDisruptionBudget')).toEqual([]);
  });
});

/** The verbs a set of rules grants on `group/resource`. */
function verbs(rules: readonly V1PolicyRule[], group: string, resource: string): string[] {
  return rules
    .filter((rule) => rule.apiGroups?.includes(group) && rule.resources?.includes(resource))
    .flatMap((rule) => rule.verbs)
    .toSorted();
}

describe('the operator’s RBAC', () => {
  it('grants what the operator uses and nothing more', () => {
    const objects = objectsOf('default');
    const { rules = [] } = named(objects, 'ClusterRole', 'pyairtable-operator');
    expect(verbs(rules, 'pyairtable.io', 'tenants')).toEqual(['get', 'list', 'patch', 'watch']);
    expect(verbs(rules, 'pyairtable.io', 'workspaces')).toEqual(['get', 'list', 'patch', 'watch']);
    expect(verbs(rules, 'pyairtable.io', 'tenants/status')).toEqual(['patch']);
    expect(verbs(rules, 'pyairtable.io', 'workspaces/status')).toEqual(['patch']);
    // RBAC cannot select by label: the label-selected watch needs list/watch on all Secrets.
    expect(verbs(rules, '', 'secrets')).toEqual(['get', 'list', 'watch']);
    expect(verbs(rules, 'events.k8s.io', 'events')).toEqual(['create']);
    expect(rules.flatMap((rule) => rule.resources ?? []).toSorted()).toEqual([
      'events',
      'secrets',
      'tenants',
      'tenants/status',
      'workspaces',
      'workspaces/status',
    ]);
    const lease = named(objects, 'Role', 'pyairtable-operator-leader-election');
    expect(lease.metadata?.namespace).toBe('pyairtable');
    expect(lease.rules).toEqual([
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases'],
        resourceNames: ['pyairtable-operator'],
        verbs: ['get', 'update'],
      },
    ]);
    const operatorConfig = named(objects, 'ConfigMap', 'pyairtable-operator');
    expect(operatorConfig.data?.['LEADER_ELECTION_LEASE_NAME']).toBe('pyairtable-operator');
  });

  it('binds roles only to the operator, with no wildcards anywhere', () => {
    for (const [name, objects] of rendered) {
      const roles = [...ofKind(objects, 'Role'), ...ofKind(objects, 'ClusterRole')];
      for (const rule of roles.flatMap((role) => role.rules ?? [])) {
        expect(
          [...rule.verbs, ...(rule.resources ?? []), ...(rule.apiGroups ?? [])],
          name,
        ).not.toContain('*');
      }
      const bindings = [
        ...ofKind(objects, 'RoleBinding'),
        ...ofKind(objects, 'ClusterRoleBinding'),
      ];
      for (const subject of bindings.flatMap((binding) => binding.subjects ?? []))
        expect(subject, name).toEqual({
          kind: 'ServiceAccount',
          name: 'pyairtable-operator',
          namespace: 'pyairtable',
        });
    }
  });

  it('grants only the watched namespace when the operator watches one', () => {
    const objects = objectsOf('watch-namespace');
    // The operator lists and watches only WATCH_NAMESPACE then (operator/src/operator.ts).
    expect(ofKind(objects, 'ClusterRole')).toEqual([]);
    expect(ofKind(objects, 'ClusterRoleBinding')).toEqual([]);
    const watched = named(objects, 'Role', 'pyairtable-operator-watch');
    expect(watched.metadata?.namespace).toBe('tenants');
    expect(verbs(watched.rules ?? [], '', 'secrets')).toEqual(['get', 'list', 'watch']);
    expect(verbs(watched.rules ?? [], 'pyairtable.io', 'tenants/status')).toEqual(['patch']);
  });
});

describe('NetworkPolicies (production)', () => {
  function policy(component: string): V1NetworkPolicy {
    return named(objectsOf('production'), 'NetworkPolicy', `pyairtable-${component}`);
  }
  const egressPorts = (component: string): number[] =>
    (policy(component).spec?.egress ?? []).flatMap((rule) =>
      (rule.ports ?? []).map((port) => Number(port.port)),
    );

  it('select every component, including the migrations Job', () => {
    const names = ofKind(objectsOf('production'), 'NetworkPolicy').map(
      (object) => object.metadata?.name,
    );
    expect(names.toSorted()).toEqual(
      ['chat', 'gateway', 'mcp', 'migrations', 'operator'].map(
        (component) => `pyairtable-${component}`,
      ),
    );
    for (const component of ['chat', 'gateway', 'mcp', 'migrations', 'operator']) {
      expect(policy(component).spec?.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(egressPorts(component), component).toContain(53);
      expect(egressPorts(component), component).toContain(5432);
    }
  });

  it('let chat reach the LLM, mcp and the gateway, and be reached only by the gateway and Prometheus', () => {
    expect(egressPorts('chat')).toEqual(expect.arrayContaining([443, 6379, 8001, 8000]));
    const sources = (policy('chat').spec?.ingress ?? []).flatMap((rule) => rule._from ?? []);
    expect(sources).toEqual([
      {
        podSelector: {
          matchLabels: {
            'app.kubernetes.io/name': 'pyairtable',
            'app.kubernetes.io/instance': 'pyairtable',
            'app.kubernetes.io/component': 'gateway',
          },
        },
      },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
  });

  it('let only the operator reach the Kubernetes API, and only mcp and the operator reach Airtable', () => {
    expect(egressPorts('operator')).toEqual(expect.arrayContaining([443, 6443]));
    expect(egressPorts('gateway')).not.toContain(443);
    expect(egressPorts('migrations').toSorted()).toEqual([53, 53, 5432]);
  });
});

describe('exposure and monitoring', () => {
  it('routes the production Ingress to the gateway’s http port', () => {
    const ingress = named(objectsOf('production'), 'Ingress', 'pyairtable-gateway');
    const backend = ingress.spec?.rules?.[0]?.http?.paths[0]?.backend.service;
    expect(backend).toEqual({ name: 'pyairtable-gateway', port: { name: 'http' } });
    expect(ingress.spec?.tls?.[0]?.hosts).toEqual(['pyairtable.example.com']);
    expect(ofKind(objectsOf('default'), 'Ingress')).toEqual([]);
  });

  it('renders ServiceMonitor and PrometheusRule only when asked, with the selector labels', () => {
    for (const kind of ['ServiceMonitor', 'PrometheusRule'] as const) {
      expect(ofKind(objectsOf('default'), kind)).toEqual([]);
      const [object] = ofKind(objectsOf('production'), kind);
      expect(object?.metadata?.labels?.['release']).toBe('kube-prometheus-stack');
    }
  });

  it('ships every dashboard as a ConfigMap the Grafana sidecar picks up', () => {
    const dashboards = ofKind(objectsOf('production'), 'ConfigMap').filter(
      (configMap) => configMap.metadata?.labels?.['grafana_dashboard'] === '1',
    );
    expect(dashboards.map((configMap) => Object.keys(configMap.data ?? {})[0]).toSorted()).toEqual([
      'airtable.json',
      'chat.json',
      'operator.json',
      'overview.json',
    ]);
    for (const configMap of dashboards) expect(configMap.metadata?.namespace).toBe('monitoring');
  });
});
