/**
 * Watches the chat HPA while k6 runs: every few seconds the HPA's replicas and metrics (answers
 * in flight per pod, CPU) and the chat pods that are ready, so the report can show it scaling
 * out under load and back in after.
 */
import { captured, CONTEXT } from './cluster-environment.ts';

/** One look at the HPA and the chat pods. */
export interface ScalingSample {
  /** Seconds since the observer started. */
  readonly atSeconds: number;
  readonly phase: string;
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  /** chat_generations_in_flight, average per pod, as the HPA last read it. */
  readonly inFlightPerPod: string;
  readonly cpuUtilization: string;
  readonly readyPods: number;
}

interface HpaStatus {
  status?: {
    currentReplicas?: number;
    desiredReplicas?: number;
    currentMetrics?: {
      type: string;
      pods?: { current?: { averageValue?: string } };
      resource?: { name?: string; current?: { averageUtilization?: number } };
    }[];
  };
}

interface PodList {
  items: { status?: { conditions?: { type: string; status: string }[] } }[];
}

const CHAT_SELECTOR = 'app.kubernetes.io/component=chat,app.kubernetes.io/instance=pyairtable';

/** Reads the HPA and the chat pods once. */
export async function sampleScaling(
  env: NodeJS.ProcessEnv,
  kubectl: string,
  namespace: string,
  hpa: string,
): Promise<Omit<ScalingSample, 'atSeconds' | 'phase'>> {
  const base = ['--context', CONTEXT, '--namespace', namespace];
  const status = JSON.parse(
    await captured(env, kubectl, [...base, 'get', 'hpa', hpa, '--output', 'json']),
  ) as HpaStatus;
  const pods = JSON.parse(
    await captured(env, kubectl, [
      ...base,
      'get',
      'pods',
      '--selector',
      CHAT_SELECTOR,
      '--output',
      'json',
    ]),
  ) as PodList;
  const metrics = status.status?.currentMetrics ?? [];
  const inFlight = metrics.find((metric) => metric.type === 'Pods')?.pods?.current?.averageValue;
  const cpu = metrics.find((metric) => metric.type === 'Resource')?.resource?.current
    ?.averageUtilization;
  return {
    currentReplicas: status.status?.currentReplicas ?? 0,
    desiredReplicas: status.status?.desiredReplicas ?? 0,
    inFlightPerPod: inFlight ?? 'unknown',
    cpuUtilization: cpu === undefined ? 'unknown' : `${String(cpu)}%`,
    readyPods: pods.items.filter((pod) =>
      (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
    ).length,
  };
}

/** Samples every `intervalMs` until stopped; `phase` labels the samples taken meanwhile. */
export class ScalingObserver {
  readonly samples: ScalingSample[] = [];
  phase = 'before';
  private readonly startedAt = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<unknown> = Promise.resolve();

  private readonly take: () => Promise<Omit<ScalingSample, 'atSeconds' | 'phase'>>;
  private readonly intervalMs: number;

  constructor(take: () => Promise<Omit<ScalingSample, 'atSeconds' | 'phase'>>, intervalMs = 5_000) {
    this.take = take;
    this.intervalMs = intervalMs;
  }

  /** Takes one sample now and then every interval. */
  start(): void {
    const tick = (): void => {
      this.pending = this.sampleOnce().then(() => {
        if (this.timer !== undefined) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Takes one sample and records it (a failed read is reported, not fatal). */
  async sampleOnce(): Promise<ScalingSample | undefined> {
    try {
      const sample = {
        atSeconds: Math.round((Date.now() - this.startedAt) / 1000),
        phase: this.phase,
        ...(await this.take()),
      };
      this.samples.push(sample);
      return sample;
    } catch (error) {
      console.error(`cluster: reading the HPA failed: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Stops sampling after the sample in progress. */
  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = undefined;
    if (timer !== undefined) clearTimeout(timer);
    await this.pending;
  }

  /** The most replicas the HPA asked for in `phase`. */
  peak(phase?: string): number {
    return Math.max(
      0,
      ...this.samples
        .filter((sample) => phase === undefined || sample.phase === phase)
        .map((sample) => sample.desiredReplicas),
    );
  }
}
