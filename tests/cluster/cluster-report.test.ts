/**
 * docs/local-cluster.md as `npm run cluster:up` writes it: a cold and a warm section that each
 * run replaces without touching the other, the step timings, the k6 verdict and the HPA
 * timeline cut down to the samples where something changed.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterRunReport } from './cluster-report.ts';
import { renderRun, scalingTimeline, writeClusterReport } from './cluster-report.ts';
import type { ScalingSample } from './scaling-observer.ts';

function sample(
  atSeconds: number,
  phase: string,
  desiredReplicas: number,
  currentReplicas = desiredReplicas,
  readyPods = currentReplicas,
): ScalingSample {
  return {
    atSeconds,
    phase,
    desiredReplicas,
    currentReplicas,
    readyPods,
    inFlightPerPod: '0',
    cpuUtilization: '5%',
  };
}

function report(overrides: Partial<ClusterRunReport> = {}): ClusterRunReport {
  return {
    kind: 'cold',
    finishedAt: '2025-01-01T10:00:00Z',
    machine: '2 cores',
    steps: [
      { step: 'build images', seconds: 65 },
      { step: 'create cluster', seconds: 12.3 },
      { step: 'tilt ci', seconds: 30 },
    ],
    examples: 'workspace/demo Ready',
    chat: {
      question: 'How many bases?',
      status: 'done',
      answer: 'Two bases.',
      events: 7,
      toolCalls: ['list_bases'],
    },
    k6Command: 'k6 run k6/chat.ts',
    k6ExitCode: 0,
    k6Summary: 'http_req_failed 0.00%',
    hpaBefore: 'chat 1/4',
    hpaDuring: 'chat 3/4',
    hpaAfter: 'chat 1/4',
    samples: [sample(0, 'before', 1), sample(5, 'load', 3), sample(10, 'after', 1)],
    ...overrides,
  };
}

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  return text.slice(from, to + end.length);
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('writeClusterReport', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cluster-report-'));
    file = path.join(dir, 'local-cluster.md');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a cold run first, with the warm section waiting to be recorded', async () => {
    writeClusterReport(file, report());
    const text = await readFile(file, 'utf8');

    expect(text).toMatch(/^# The local kind cluster: a recorded run/);
    expect(between(text, '<!-- run:cold -->', '<!-- /run:cold -->')).toContain(
      '## Cold run (2025-01-01T10:00:00Z)',
    );
    expect(between(text, '<!-- run:warm -->', '<!-- /run:warm -->')).toContain('Not recorded yet.');
  });

  it('keeps the cold section intact when a warm run is written, and replaces the warm one', async () => {
    writeClusterReport(file, report());
    const coldSection = between(
      await readFile(file, 'utf8'),
      '<!-- run:cold -->',
      '<!-- /run:cold -->',
    );

    writeClusterReport(file, report({ kind: 'warm', finishedAt: 'first warm' }));
    writeClusterReport(file, report({ kind: 'warm', finishedAt: 'second warm' }));
    const text = await readFile(file, 'utf8');

    expect(between(text, '<!-- run:cold -->', '<!-- /run:cold -->')).toBe(coldSection);
    const warm = between(text, '<!-- run:warm -->', '<!-- /run:warm -->');
    expect(warm).toContain('## Warm run (second warm)');
    expect(text).not.toContain('first warm');
    expect(text).not.toContain('Not recorded yet.');
    for (const marker of [
      '<!-- run:cold -->',
      '<!-- /run:cold -->',
      '<!-- run:warm -->',
      '<!-- /run:warm -->',
    ]) {
      expect(occurrences(text, marker)).toBe(1);
    }
    expect(occurrences(text, '# The local kind cluster: a recorded run')).toBe(1);
  });
});

describe('renderRun', () => {
  it('lists every step with its time and the total', () => {
    const text = renderRun(report());

    expect(text).toContain('| build images | 1 min 5 s |');
    expect(text).toContain('| create cluster | 12.3 s |');
    expect(text).toContain('| tilt ci | 30.0 s |');
    // 65 + 12.3 + 30 s.
    expect(text).toContain('Total: **1 min 47 s**.');
  });

  it('never shows 60 seconds past a minute when a time rounds up to the next one', () => {
    const text = renderRun(report({ steps: [{ step: 'build images', seconds: 119.6 }] }));

    expect(text).toContain('| build images | 2 min 0 s |');
    expect(text).toContain('Total: **2 min 0 s**.');
  });

  it('labels k6 exit code 99 as a crossed threshold, and a clean exit without it', () => {
    expect(renderRun(report({ k6ExitCode: 99 }))).toContain(
      '`k6 run k6/chat.ts` → exit code 99 (a threshold was crossed).',
    );
    const clean = renderRun(report({ k6ExitCode: 0 }));
    expect(clean).toContain('`k6 run k6/chat.ts` → exit code 0.');
    expect(clean).not.toContain('threshold was crossed');
  });

  it('summarises ready chat pods before, at most during, and after the load', () => {
    const text = renderRun(
      report({
        samples: [sample(0, 'before', 1), sample(5, 'load', 4, 4, 3), sample(10, 'after', 1)],
      }),
    );

    expect(text).toContain('Ready chat pods: 1 before, 3 at most during the load, 1 after.');
    expect(text).toContain('| 5 | load | 0 | 5% | 4 | 4 | 3 |');
  });
});

describe('scalingTimeline', () => {
  it('keeps the first and last samples and those where phase or replicas or ready pods changed', () => {
    const samples = [
      sample(0, 'before', 1),
      sample(5, 'before', 1),
      sample(10, 'load', 1),
      sample(15, 'load', 1),
      sample(20, 'load', 3, 1, 1),
      sample(25, 'load', 3, 3, 1),
      sample(30, 'load', 3, 3, 3),
      sample(35, 'load', 3, 3, 3),
      sample(40, 'after', 3, 3, 3),
      sample(45, 'after', 1, 1, 1),
      sample(50, 'after', 1, 1, 1),
      sample(55, 'after', 1, 1, 1),
    ];

    expect(scalingTimeline(samples).map((s) => s.atSeconds)).toEqual([
      0, 10, 20, 25, 30, 40, 45, 55,
    ]);
  });

  it('ignores changes in the metrics alone', () => {
    const samples = [
      sample(0, 'load', 2),
      { ...sample(5, 'load', 2), inFlightPerPod: '3', cpuUtilization: '80%' },
      sample(10, 'load', 2),
    ];

    expect(scalingTimeline(samples).map((s) => s.atSeconds)).toEqual([0, 10]);
  });

  it('keeps a lone sample, and returns nothing for no samples', () => {
    expect(scalingTimeline([sample(0, 'before', 1)])).toHaveLength(1);
    expect(scalingTimeline([])).toEqual([]);
  });
});
