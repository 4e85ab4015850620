export type { ReadinessCheck } from './health/readiness-check.ts';
