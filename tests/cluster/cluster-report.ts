/**
 * docs/local-cluster.md, written by `npm run cluster:up`: per kind of run (cold: the images
 * built from nothing; warm: from the cache), how long each step took, and what the cluster
 * did — the example tenant, a chat turn, the k6 summary, `kubectl get hpa` and the chat pods
 * before, during and after the load. A run replaces its own kind's section and keeps the other.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ChatTurn } from './demo-account.ts';
import type { ScalingSample } from './scaling-observer.ts';

/** One timed step of a run. */
export interface StepTiming {
  readonly step: string;
  readonly seconds: number;
}

/** What the load step recorded: k6's run and the chat HPA around it. */
export interface LoadRecord {
  readonly k6Command: string;
  readonly k6ExitCode: number;
  readonly k6Summary: string;
  readonly hpaBefore: string;
  readonly hpaDuring: string;
  readonly hpaAfter: string;
}

/** Everything a run section shows. */
export interface ClusterRunReport extends LoadRecord {
  readonly kind: 'cold' | 'warm';
  readonly finishedAt: string;
  readonly machine: string;
  readonly steps: readonly StepTiming[];
  readonly examples: string;
  readonly chat: ChatTurn;
  readonly samples: readonly ScalingSample[];
}

const HEADER = `# The local kind cluster: a recorded run

\`npm run cluster:up\` builds everything on this machine (infra/local-cluster/README.md) —
Docker's engine with the runc wrapper, kind and the node image, the control-plane and add-on
images, the project's images — creates the kind cluster, brings up the local infrastructure
profile and the platform with \`tilt ci -- --infra=local\`, makes the operator example's tenant
Ready, asks one question through the gateway's port-forward, and drives the chat HPA with k6.
It writes this file; \`npm run cluster:down\` tears the cluster down (\`-- --purge\` also drops
the built images, so the next run is cold).

A *cold* run starts with no images in the local cluster's Docker (the tools built from Go
modules may be cached: their build times are in infra/local-cluster/README.md); a *warm* run
finds every image current and rebuilds nothing.
`;

function section(kind: string): [string, string] {
  return [`<!-- run:${kind} -->`, `<!-- /run:${kind} -->`];
}

function fenced(text: string): string {
  return ['```text', text.trimEnd(), '```'].join('\n');
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  // Rounded before splitting, so 119.6 s reads "2 min 0 s" rather than "1 min 60 s".
  const whole = Math.round(seconds);
  return `${String(Math.floor(whole / 60))} min ${String(whole % 60)} s`;
}

/** The samples where something changed (replicas, ready pods or phase), first and last kept. */
export function scalingTimeline(samples: readonly ScalingSample[]): ScalingSample[] {
  return samples.filter((sample, index) => {
    const previous = samples[index - 1];
    return (
      previous === undefined ||
      index === samples.length - 1 ||
      previous.phase !== sample.phase ||
      previous.desiredReplicas !== sample.desiredReplicas ||
      previous.currentReplicas !== sample.currentReplicas ||
      previous.readyPods !== sample.readyPods
    );
  });
}

/** The Markdown of one run. */
export function renderRun(report: ClusterRunReport): string {
  const total = report.steps.reduce((sum, step) => sum + step.seconds, 0);
  const peak = Math.max(0, ...report.samples.map((sample) => sample.readyPods));
  const lines = [
    `## ${report.kind === 'cold' ? 'Cold run' : 'Warm run'} (${report.finishedAt})`,
    '',
    `Machine: ${report.machine}. Total: **${formatSeconds(total)}**.`,
    '',
    '| Step | Time |',
    '| --- | --- |',
    ...report.steps.map((step) => `| ${step.step} | ${formatSeconds(step.seconds)} |`),
    '',
    '### The operator example',
    '',
    fenced(report.examples),
    '',
    '### A chat turn through the gateway port-forward',
    '',
    `Question: "${report.chat.question}" → status \`${report.chat.status}\`, ${String(report.chat.events)} SSE events, tools: ${report.chat.toolCalls.join(', ') || 'none'}.`,
    '',
    fenced(report.chat.answer),
    '',
    '### k6',
    '',
    `\`${report.k6Command}\` → exit code ${String(report.k6ExitCode)}${report.k6ExitCode === 99 ? ' (a threshold was crossed)' : ''}.`,
    '',
    fenced(report.k6Summary),
    '',
    '### The chat HPA',
    '',
    'Before the load:',
    '',
    fenced(report.hpaBefore),
    '',
    'At the peak of the load:',
    '',
    fenced(report.hpaDuring),
    '',
    'After the load, once scaled back in:',
    '',
    fenced(report.hpaAfter),
    '',
    `Ready chat pods: ${String(report.samples.find((s) => s.phase === 'before')?.readyPods ?? 0)} before, ${String(peak)} at most during the load, ${String(report.samples.at(-1)?.readyPods ?? 0)} after. Every change, sampled every 5 s:`,
    '',
    '| s | phase | in flight / pod | CPU | desired | current | ready pods |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...scalingTimeline(report.samples).map(
      (s) =>
        `| ${String(s.atSeconds)} | ${s.phase} | ${s.inFlightPerPod} | ${s.cpuUtilization} | ${String(s.desiredReplicas)} | ${String(s.currentReplicas)} | ${String(s.readyPods)} |`,
    ),
  ];
  return lines.join('\n');
}

/** Writes `report` into `file`, replacing the section of its kind and keeping the other. */
export function writeClusterReport(file: string, report: ClusterRunReport): void {
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const sections = (['cold', 'warm'] as const).map((kind) => {
    const [start, end] = section(kind);
    if (kind === report.kind) return [start, renderRun(report), end].join('\n');
    const from = existing.indexOf(start);
    const to = existing.indexOf(end);
    if (from !== -1 && to > from) return existing.slice(from, to + end.length);
    return [
      start,
      `## ${kind === 'cold' ? 'Cold' : 'Warm'} run`,
      '',
      'Not recorded yet.',
      end,
    ].join('\n');
  });
  writeFileSync(file, [HEADER, ...sections].join('\n') + '\n');
}
