/** `closed`: calls flow. `open`: calls fail fast. `half-open`: one trial call decides. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Settings for {@link createCircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  readonly resetAfterMs: number;
}

/** Permission for one call; report its outcome exactly once. */
export interface CircuitPermit {
  /** The upstream answered as a healthy service does (including 4xx). */
  success(): void;
  /** The upstream failed (timeout, network error, 5xx). */
  failure(): void;
  /** The call ended without telling anything about the upstream (e.g. the caller aborted). */
  release(): void;
}

/** Tracks an upstream's health and decides whether a call may be made. */
export interface CircuitBreaker {
  state(): CircuitState;
  /** A permit for one call, or `undefined` when the call must fail fast. */
  tryAcquire(): CircuitPermit | undefined;
  /** Milliseconds until a trial call will be allowed; 0 unless the circuit is open. */
  retryAfterMs(): number;
}

/**
 * A consecutive-failure circuit breaker. After `failureThreshold` failures in a row the
 * circuit opens and calls fail fast, sparing a struggling upstream and the caller's time.
 * After `resetAfterMs` a single trial call is let through while others keep failing fast:
 * its success closes the circuit, its failure opens it for another `resetAfterMs`.
 *
 * Outcomes of calls that started before the circuit opened are ignored once it is open, so
 * a late success cannot close it without a trial.
 */
export function createCircuitBreaker(
  options: CircuitBreakerOptions,
  now: () => number = Date.now,
): CircuitBreaker {
  let consecutiveFailures = 0;
  let openedAt: number | undefined;
  let trialInFlight = false;

  const cooledDown = (since: number): boolean => now() - since >= options.resetAfterMs;

  const state = (): CircuitState => {
    if (openedAt === undefined) return 'closed';
    return trialInFlight || cooledDown(openedAt) ? 'half-open' : 'open';
  };

  const closedPermit = (): CircuitPermit =>
    settleOnce({
      success() {
        if (openedAt === undefined) consecutiveFailures = 0;
      },
      failure() {
        if (openedAt !== undefined) return;
        consecutiveFailures += 1;
        if (consecutiveFailures >= options.failureThreshold) openedAt = now();
      },
      release() {
        // Says nothing about the upstream.
      },
    });

  const trialPermit = (): CircuitPermit => {
    trialInFlight = true;
    return settleOnce({
      success() {
        trialInFlight = false;
        openedAt = undefined;
        consecutiveFailures = 0;
      },
      failure() {
        trialInFlight = false;
        openedAt = now();
      },
      release() {
        // The next caller gets to make the trial instead.
        trialInFlight = false;
      },
    });
  };

  return {
    state,
    tryAcquire() {
      switch (state()) {
        case 'closed':
          return closedPermit();
        case 'half-open':
          return trialInFlight ? undefined : trialPermit();
        case 'open':
          return undefined;
      }
    },
    retryAfterMs() {
      if (openedAt === undefined) return 0;
      return Math.max(0, openedAt + options.resetAfterMs - now());
    },
  };
}

function settleOnce(permit: CircuitPermit): CircuitPermit {
  let settled = false;
  const once = (outcome: () => void) => (): void => {
    if (settled) return;
    settled = true;
    outcome();
  };
  return {
    success: once(() => {
      permit.success();
    }),
    failure: once(() => {
      permit.failure();
    }),
    release: once(() => {
      permit.release();
    }),
  };
}
