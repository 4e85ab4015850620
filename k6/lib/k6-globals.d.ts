/**
 * Globals the k6 runtime provides that @types/k6 leaves out (it assumes a DOM or Node lib,
 * which these scripts must not see: neither runs them).
 */
declare global {
  /** k6's console: lines go to k6's log (stderr), with the VU and iteration attached. */
  const console: {
    log(...data: unknown[]): void;
    info(...data: unknown[]): void;
    warn(...data: unknown[]): void;
    error(...data: unknown[]): void;
    debug(...data: unknown[]): void;
  };
}

export {};
