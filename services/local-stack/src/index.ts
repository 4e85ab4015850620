/** What other packages (cross-service tests) reuse from the local stack: running a service. */
export { startServiceProcess, waitUntilReady } from './service-process.ts';
export type { ServiceProcess, StartServiceOptions } from './service-process.ts';
export type { ServiceEntry } from './service-catalog.ts';
