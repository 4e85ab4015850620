/**
 * `handleSummary`: the JSON summary to a file (SUMMARY_PATH, else
 * `.data/k6/summary-<script>-<profile>.json`) and a text summary on stdout. The text is
 * rendered here because k6's own `textSummary` lives in jslib.k6.io, which offline machines
 * cannot import; it shows each threshold with its measured value, the checks, the iterations
 * of each scenario and the latency of each endpoint.
 */
import type { RunConfig } from './run-config.ts';

/** One metric of k6's summary data. */
interface SummaryMetric {
  readonly type: 'counter' | 'gauge' | 'rate' | 'trend';
  readonly contains: 'default' | 'time' | 'data';
  readonly values: Readonly<Record<string, number>>;
  readonly thresholds?: Readonly<Record<string, { readonly ok: boolean }>>;
}

/** The parts of k6's summary data the text uses. */
export interface SummaryData {
  readonly metrics: Readonly<Record<string, SummaryMetric>>;
  readonly state: { readonly testRunDurationMs: number };
}

/** The statistics every Trend reports (the scripts' `summaryTrendStats`). */
export const TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'];

function formatValue(metric: SummaryMetric, stat: string, value: number | undefined): string {
  if (value === undefined) return 'n/a';
  if (stat === 'rate') return `${(value * 100).toFixed(2)}%`;
  if (
    stat === 'count' ||
    metric.type === 'counter' ||
    (metric.contains !== 'time' && Number.isInteger(value))
  ) {
    return String(Math.round(value));
  }
  if (metric.contains === 'time') {
    return value >= 1000 ? `${(value / 1000).toFixed(2)}s` : `${value.toFixed(1)}ms`;
  }
  return value.toFixed(2);
}

/** The statistic a threshold expression is about: `p(95)<300` → `p(95)`. */
function statOf(expression: string): string {
  return /^\s*([a-z]+(?:\(\d+(?:\.\d+)?\))?)/.exec(expression)?.[1] ?? expression;
}

function thresholdLines(data: SummaryData): { lines: string[]; failed: number } {
  const lines: string[] = [];
  let failed = 0;
  for (const [name, metric] of Object.entries(data.metrics).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (metric.thresholds === undefined) continue;
    lines.push(`  ${name}`);
    const results = Object.entries(metric.thresholds).sort(([a], [b]) => a.localeCompare(b));
    for (const [expression, result] of results) {
      if (!result.ok) failed += 1;
      const stat = statOf(expression);
      const measured = formatValue(metric, stat, metric.values[stat]);
      lines.push(`    ${result.ok ? '✓' : '✗'} '${expression}' ${stat}=${measured}`);
    }
  }
  return { lines, failed };
}

function trendLine(label: string, metric: SummaryMetric): string {
  const stats = ['count', 'med', 'p(95)', 'p(99)', 'max']
    .map((stat) => `${stat}=${formatValue(metric, stat, metric.values[stat])}`)
    .join(' ');
  return `  ${label.padEnd(44, '.')} ${stats}`;
}

function tagged(data: SummaryData, prefix: string): [string, SummaryMetric][] {
  return Object.entries(data.metrics)
    .filter(([name]) => name.startsWith(prefix))
    .sort(([a], [b]) => a.localeCompare(b));
}

/** The summary as text, for people reading a terminal or a CI log. */
export function textSummary(data: SummaryData, title: string): string {
  const out: string[] = [`\n█ ${title} (${(data.state.testRunDurationMs / 1000).toFixed(0)}s)`];
  const thresholds = thresholdLines(data);
  out.push(
    `\n█ THRESHOLDS: ${thresholds.failed === 0 ? 'all passed' : `${String(thresholds.failed)} FAILED`}`,
    ...thresholds.lines,
  );

  out.push('\n█ ITERATIONS AND CHECKS BY SCENARIO');
  for (const [name, metric] of tagged(data, 'iterations{scenario:')) {
    const scenario = name.slice('iterations{scenario:'.length, -1);
    const checks = data.metrics[`checks{scenario:${scenario}}`];
    out.push(
      `  ${scenario.padEnd(12)} iterations=${formatValue(metric, 'count', metric.values['count'])}` +
        (checks === undefined
          ? ''
          : ` checks=${formatValue(checks, 'rate', checks.values['rate'])}`),
    );
  }

  out.push('\n█ LATENCY BY ENDPOINT (http_req_duration)');
  for (const [name, metric] of tagged(data, 'http_req_duration{endpoint:')) {
    out.push(trendLine(name.slice('http_req_duration{endpoint:'.length, -1), metric));
  }

  out.push('\n█ TOTALS');
  for (const name of ['http_reqs', 'iterations', 'checks', 'http_req_failed', 'vus_max']) {
    const metric = data.metrics[name];
    if (metric === undefined) continue;
    const stat = metric.type === 'rate' ? 'rate' : metric.type === 'gauge' ? 'value' : 'count';
    const perSecond = metric.values['rate'];
    const rate =
      metric.type === 'counter' && perSecond !== undefined ? ` (${perSecond.toFixed(2)}/s)` : '';
    out.push(`  ${name.padEnd(44, '.')} ${formatValue(metric, stat, metric.values[stat])}${rate}`);
  }

  const custom = Object.entries(data.metrics).filter(
    ([name, metric]) =>
      !name.includes('{') && metric.type === 'trend' && /^(chat|mcp|airtable)_/.test(name),
  );
  if (custom.length > 0) out.push('\n█ WORKLOAD METRICS');
  for (const [name, metric] of custom.sort(([a], [b]) => a.localeCompare(b))) {
    out.push(trendLine(name, metric));
  }
  return `${out.join('\n')}\n\n`;
}

/** What handleSummary returns: the text on stdout and the JSON in its file. */
export function summaryOutputs(
  data: SummaryData,
  script: string,
  config: RunConfig,
): Record<string, string> {
  const path = config.summaryPath ?? `.data/k6/summary-${script}-${config.profile}.json`;
  const run = { script, profile: config.profile, baseUrl: config.baseUrl, scale: config.scale };
  return {
    stdout: textSummary(data, `${script} · ${config.profile} · ${config.baseUrl}`),
    [path]: JSON.stringify({ run, ...data }, null, 2),
  };
}
