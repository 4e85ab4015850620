/**
 * A small controller runtime: what controller-runtime gives Go operators and today's
 * TypeScript operator libraries do not — a keyed, deduplicating work queue with per-key
 * backoff and a global rate limit, informers that survive apiserver failures, conditions
 * with metav1 semantics, guarded finalizer patches, Events, Lease-based leader election.
 */
export { setConditions, findCondition } from './conditions.ts';
export type { Condition, DesiredCondition } from './conditions.ts';
export { createController } from './controller.ts';
export type { Controller, ControllerOptions, Reconcile, ReconcileResult } from './controller.ts';
export { createCustomResourceClient, keyOf, parseKey } from './custom-resource-client.ts';
export type { CustomResource, CustomResourceClient, ObjectKey } from './custom-resource-client.ts';
export { createEventRecorder } from './event-recorder.ts';
export type { EventRecorder, EventRecorderOptions, ObjectEvent } from './event-recorder.ts';
export { ensureFinalizer, removeFinalizer } from './finalizers.ts';
export { createInformer } from './informer.ts';
export type { Informer, InformerEvent, InformerOptions } from './informer.ts';
export { createKeyBackoff } from './key-backoff.ts';
export type { BackoffSettings, KeyBackoff } from './key-backoff.ts';
export { reuseConnections } from './kube-connections.ts';
export { describeKubeError, isConflict, isNotFound, kubeStatus } from './kube-errors.ts';
export { createLeaderElector, DEFAULT_LEASE_TIMING } from './leader-election.ts';
export type { LeaderElector, LeaderElectorOptions, LeaseTiming } from './leader-election.ts';
export { createManager } from './manager.ts';
export type { Manager, ManagerOptions } from './manager.ts';
export { MicroTime } from './micro-time.ts';
export { createRuntimeMetrics } from './runtime-metrics.ts';
export type { RuntimeMetrics } from './runtime-metrics.ts';
export { createTokenBucket } from './token-bucket.ts';
export type { TokenBucket, TokenBucketSettings } from './token-bucket.ts';
export { createWorkQueue, DEFAULT_BACKOFF, DEFAULT_RATE_LIMIT } from './work-queue.ts';
export type { WorkQueue, WorkQueueOptions } from './work-queue.ts';
