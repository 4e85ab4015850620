/**
 * The dashboards and alerts watch metrics that exist: every metric name in a dashboard's PromQL,
 * an alert or recording rule, the HPA and the KEDA query is a family the running services
 * export (a live scrape after a tool-using chat turn), and where a query names a job, that job
 * exports it. The dashboards parse, select their data source through a `datasource` variable,
 * and show what each is for.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool } from '../envtest/index.ts';
import {
  CHART_DIRECTORY,
  KEDA_RENDERING,
  named,
  renderObjects,
  RENDERINGS,
} from './support/helm-chart.ts';
import { useLiveMetricFamilies } from './support/live-metric-families.ts';
import { familyCandidates, jobSelectors, metricNames } from './support/promql-metric-names.ts';

/**
 * Metrics from kube-state-metrics (part of kube-prometheus-stack), not from our services;
 * both STABLE in kubernetes/kube-state-metrics docs/metrics/workload/pod-metrics.md and
 * horizontalpodautoscaler-metrics.md. Kept to the two the "pods not ready" alert and the chat
 * dashboard's desired-replicas line need.
 */
const KUBE_STATE_METRICS = new Set([
  'kube_pod_status_ready',
  'kube_horizontalpodautoscaler_status_desired_replicas',
]);

const live = useLiveMetricFamilies();

interface GrafanaTarget {
  readonly expr?: string;
  readonly datasource?: { readonly uid?: string };
}
interface GrafanaPanel {
  readonly type: string;
  readonly title: string;
  readonly datasource?: { readonly uid?: string };
  readonly targets?: readonly GrafanaTarget[];
}
interface GrafanaVariable {
  readonly name: string;
  readonly type: string;
  readonly query?: string | { readonly query?: string };
  readonly datasource?: { readonly uid?: string };
}
interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly panels: readonly GrafanaPanel[];
  readonly templating: { readonly list: readonly GrafanaVariable[] };
}

const DASHBOARD_DIRECTORY = path.join(CHART_DIRECTORY, 'dashboards');
const dashboards = new Map<string, Dashboard>();
const rendered = new Map<string, KubernetesObject[]>();

beforeAll(async () => {
  for (const file of await readdir(DASHBOARD_DIRECTORY))
    dashboards.set(
      file,
      JSON.parse(await readFile(path.join(DASHBOARD_DIRECTORY, file), 'utf8')) as Dashboard,
    );
  await ensureGoTool('helm');
  for (const rendering of [RENDERINGS[2], KEDA_RENDERING])
    if (rendering !== undefined) rendered.set(rendering.name, await renderObjects(rendering));
}, 30 * 60_000);

/** The queries of a dashboard: panel targets and query variables. */
function queries(dashboard: Dashboard): string[] {
  const variables = dashboard.templating.list.flatMap((variable) =>
    variable.type !== 'query'
      ? []
      : [typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '')],
  );
  return [
    ...dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).map((target) => target.expr ?? ''),
    ),
    ...variables,
  ];
}

/** What in `expressions` no service exports: unknown names, or a job that lacks the metric. */
function unexported(
  expressions: readonly string[],
  defined: ReadonlySet<string> = new Set(),
): string[] {
  const families = live.families;
  const everywhere = new Set([...families.values()].flatMap((set) => [...set]));
  const known = (name: string, set: ReadonlySet<string>) =>
    familyCandidates(name).some((family) => set.has(family));
  return expressions.flatMap((expression) => [
    ...metricNames(expression)
      .filter(
        (name) => !known(name, everywhere) && !defined.has(name) && !KUBE_STATE_METRICS.has(name),
      )
      .map((name) => `${name} (in ${expression})`),
    ...jobSelectors(expression)
      .filter(
        ({ metric, job }) => !defined.has(metric) && !known(metric, families.get(job) ?? new Set()),
      )
      .map(({ metric, job }) => `${metric} is not exported by job ${job}`),
  ]);
}

describe('the live scrape', () => {
  it('sees every service and the lazily registered families', () => {
    const { families } = live;
    expect([...families.keys()].toSorted()).toEqual(['chat', 'gateway', 'mcp', 'operator']);
    expect(families.get('mcp')).toContain('airtable_requests_total');
    expect(families.get('chat')).toContain('chat_generations_in_flight');
    expect(families.get('operator')).toContain('operator_reconcile_errors_total');
    expect(families.get('gateway')).toContain('nodejs_eventloop_lag_p99_seconds');
  });
});

describe('the Grafana dashboards', () => {
  it('are the four the chart ships, each valid JSON with a unique uid', () => {
    expect([...dashboards.keys()].toSorted()).toEqual([
      'airtable.json',
      'chat.json',
      'operator.json',
      'overview.json',
    ]);
    const uids = [...dashboards.values()].map((dashboard) => dashboard.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('take their data source from a `datasource` variable, everywhere', () => {
    for (const [file, dashboard] of dashboards) {
      const variable = dashboard.templating.list.find(
        (candidate) => candidate.name === 'datasource',
      );
      expect(variable, file).toMatchObject({ type: 'datasource', query: 'prometheus' });
      for (const panel of dashboard.panels.filter((candidate) => candidate.type !== 'row')) {
        expect(panel.datasource?.uid, `${file}: ${panel.title}`).toBe('${datasource}');
        expect(panel.targets?.length, `${file}: ${panel.title}`).toBeGreaterThan(0);
        for (const target of panel.targets ?? [])
          expect(target.datasource?.uid).toBe('${datasource}');
      }
      for (const query of dashboard.templating.list.filter(
        (candidate) => candidate.type === 'query',
      ))
        expect(query.datasource?.uid, `${file}: $${query.name}`).toBe('${datasource}');
    }
  });

  it('query only metrics the services export', () => {
    for (const [file, dashboard] of dashboards)
      expect(unexported(queries(dashboard)), file).toEqual([]);
  });

  it('show what each is for', () => {
    const uses = (file: string): string[] => {
      const dashboard = dashboards.get(file);
      if (dashboard === undefined) throw new Error(`no ${file}`);
      return queries(dashboard).flatMap(metricNames);
    };
    // Overview: RED per service (rate and errors from the request counter, duration from its
    // buckets); chat: first token, tokens, cost, tool calls, load; Airtable: requests, 429s,
    // cache, limiter queue; operator: reconciles, errors, queue.
    for (const [file, metrics] of [
      [
        'overview.json',
        [
          'http_server_request_duration_seconds_count',
          'http_server_request_duration_seconds_bucket',
        ],
      ],
      [
        'chat.json',
        [
          'chat_llm_time_to_first_token_seconds_bucket',
          'chat_llm_tokens_total',
          'chat_llm_cost_usd_total',
          'chat_tool_calls_total',
          'chat_generations_in_flight',
        ],
      ],
      [
        'airtable.json',
        [
          'airtable_requests_total',
          'airtable_rate_limited_total',
          'airtable_cache_requests_total',
          'airtable_queue_wait_seconds_bucket',
        ],
      ],
      [
        'operator.json',
        ['operator_reconcile_total', 'operator_reconcile_errors_total', 'operator_workqueue_depth'],
      ],
    ] as const)
      for (const metric of metrics) expect(uses(file), file).toContain(metric);
  });
});

describe('the alerts and scaling signals', () => {
  it('use only exported metrics and the rules’ own recordings', () => {
    const rule = named(rendered.get('production') ?? [], 'PrometheusRule', 'pyairtable');
    const rules = rule.spec.groups.flatMap((group) => group.rules);
    const recorded = new Set(
      rules.flatMap((candidate) => (candidate.record === undefined ? [] : [candidate.record])),
    );
    expect(
      unexported(
        rules.map((candidate) => candidate.expr),
        recorded,
      ),
    ).toEqual([]);
    expect(
      rules
        .flatMap((candidate) => (candidate.alert === undefined ? [] : [candidate.alert]))
        .toSorted(),
    ).toEqual([
      'PyAirtableAirtableRateLimited',
      'PyAirtableErrorBudgetFastBurn',
      'PyAirtableErrorBudgetSlowBurn',
      'PyAirtableEventLoopLag',
      'PyAirtableLLMErrorRate',
      'PyAirtableLatencySLOBurn',
      'PyAirtableOperatorNoLeader',
      'PyAirtableOperatorReconcileFailures',
      'PyAirtablePodNotReady',
    ]);
  });

  it('scale chat on a gauge chat exports, through the HPA or KEDA', () => {
    const hpa = named(
      rendered.get('production') ?? [],
      'HorizontalPodAutoscaler',
      'pyairtable-chat',
    );
    const metric = hpa.spec.metrics?.[0]?.pods?.metric.name ?? '';
    expect(live.families.get('chat')).toContain(metric);
    const scaled = named(rendered.get('keda') ?? [], 'ScaledObject', 'pyairtable-chat');
    expect(unexported([scaled.spec.triggers[0]?.metadata['query'] ?? 'missing'])).toEqual([]);
  });
});
