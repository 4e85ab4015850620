/**
 * What other packages (cross-service tests, load runs) reuse from the local stack: running a
 * service, reading a running stack's `stack.json`, and who holds a data directory.
 */
export { startServiceProcess, waitUntilReady } from './service-process.ts';
export type { ServiceProcess, StartServiceOptions } from './service-process.ts';
export type { ServiceEntry } from './service-catalog.ts';
export { readStackFile } from './stack-file.ts';
export type { RunningStackFile, StackDemo, StackDescription } from './stack-file.ts';
export { liveStackLockOwner } from './stack-lock.ts';
export type { LockOwner } from './stack-lock.ts';
