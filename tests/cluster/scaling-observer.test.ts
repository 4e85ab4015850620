/**
 * The observer that watches the chat HPA during the k6 run, driven by a fake reading instead
 * of kubectl: what phase its samples carry, the peak it reports per phase, that one failed
 * reading does not end the watch, and that stop() ends it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScalingSample } from './scaling-observer.ts';
import { ScalingObserver } from './scaling-observer.ts';

const INTERVAL_MS = 20;

type Reading = Omit<ScalingSample, 'atSeconds' | 'phase'>;

/** Polls `check` until it passes; generous, as the machine may be busy with a cluster run. */
function until(check: () => void): Promise<void> {
  return vi.waitFor(check, { timeout: 10_000, interval: 5 });
}

function reading(desiredReplicas: number): Reading {
  return {
    desiredReplicas,
    currentReplicas: desiredReplicas,
    readyPods: desiredReplicas,
    inFlightPerPod: '0',
    cpuUtilization: '10%',
  };
}

describe('ScalingObserver', () => {
  let observer: ScalingObserver | undefined;

  afterEach(async () => {
    await observer?.stop();
    observer = undefined;
    vi.restoreAllMocks();
  });

  it('labels each sample with the phase current when it was taken, and peaks per phase', async () => {
    // The replicas each reading reports follow the phase it was taken in, so a sample whose
    // replicas disagree with its label was labelled with some other phase.
    const loadReplicas = [2, 5, 3];
    const replicasIn = (phase: string, index: number): number =>
      phase === 'load' ? (loadReplicas[index % loadReplicas.length] ?? 0) : 1;
    const readsIn = new Map<string, number>();
    const watched: ScalingObserver = new ScalingObserver(() => {
      const phase = watched.phase;
      const index = readsIn.get(phase) ?? 0;
      readsIn.set(phase, index + 1);
      return Promise.resolve(reading(replicasIn(phase, index)));
    }, INTERVAL_MS);
    observer = watched;

    watched.start();
    await until(() => {
      expect(watched.samples.length).toBeGreaterThanOrEqual(2);
    });
    watched.phase = 'load';
    await until(() => {
      expect(watched.samples.filter((s) => s.phase === 'load').length).toBeGreaterThanOrEqual(4);
    });
    watched.phase = 'after';
    await until(() => {
      expect(watched.samples.filter((s) => s.phase === 'after').length).toBeGreaterThanOrEqual(2);
    });
    await watched.stop();

    const phases = watched.samples.map((s) => s.phase);
    expect(phases.indexOf('load')).toBeGreaterThan(phases.lastIndexOf('before'));
    expect(phases.indexOf('after')).toBeGreaterThan(phases.lastIndexOf('load'));
    const loadSamples = watched.samples.filter((s) => s.phase === 'load');
    expect(loadSamples.map((s) => s.desiredReplicas)).toEqual(
      loadSamples.map((_, index) => replicasIn('load', index)),
    );
    for (const s of watched.samples.filter((s) => s.phase !== 'load')) {
      expect(s.desiredReplicas).toBe(1);
    }

    expect(watched.peak('load')).toBe(5);
    expect(watched.peak('before')).toBe(1);
    expect(watched.peak('after')).toBe(1);
    expect(watched.peak()).toBe(5);
    expect(watched.peak('never')).toBe(0);
  });

  it('reports a failed reading and keeps sampling', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let reads = 0;
    const watched = new ScalingObserver(() => {
      reads += 1;
      if (reads === 2) return Promise.reject(new Error('kubectl: connection refused'));
      return Promise.resolve(reading(reads));
    }, INTERVAL_MS);
    observer = watched;

    watched.start();
    await until(() => {
      expect(watched.samples.length).toBeGreaterThanOrEqual(3);
    });
    await watched.stop();

    expect(errors).toHaveBeenCalledWith(
      'cluster: reading the HPA failed: kubectl: connection refused',
    );
    // The second reading failed: it left no sample, and the ones after it were still taken.
    expect(watched.samples.map((s) => s.desiredReplicas).slice(0, 3)).toEqual([1, 3, 4]);
  });

  it('takes no samples after stop()', async () => {
    const take = vi.fn(() => Promise.resolve(reading(1)));
    const watched = new ScalingObserver(take, INTERVAL_MS);
    observer = watched;

    watched.start();
    await until(() => {
      expect(watched.samples.length).toBeGreaterThanOrEqual(2);
    });
    await watched.stop();
    const samplesAtStop = watched.samples.length;
    const readsAtStop = take.mock.calls.length;

    await sleep(INTERVAL_MS * 6);

    expect(watched.samples).toHaveLength(samplesAtStop);
    expect(take).toHaveBeenCalledTimes(readsAtStop);
  });

  it('stops cleanly while a reading is in progress, keeping that reading', async () => {
    let release: (() => void) | undefined;
    const take = vi.fn(
      () =>
        new Promise<Reading>((resolve) => {
          release = () => {
            resolve(reading(2));
          };
        }),
    );
    const watched = new ScalingObserver(take, INTERVAL_MS);
    observer = watched;

    watched.start();
    await until(() => {
      expect(take).toHaveBeenCalledTimes(1);
    });
    const stopped = watched.stop();
    release?.();
    await stopped;
    await sleep(INTERVAL_MS * 4);

    expect(watched.samples.map((s) => s.desiredReplicas)).toEqual([2]);
    expect(take).toHaveBeenCalledTimes(1);
  });
});
