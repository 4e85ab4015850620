/**
 * Helpers for the test suites of every package: the Postgres and Redis a test run was given
 * (CI) or embedded stand-ins (a developer machine), each test in a space of its own; spans
 * recorded in memory.
 */
export { testServers } from './test-servers.ts';
export type { TestServers } from './test-servers.ts';
export {
  createTempFolder,
  createTestDatabase,
  startTestPostgres,
  withClient,
} from './test-postgres.ts';
export type { TestDatabase, TestPostgres } from './test-postgres.ts';
export { createTestStore, uniqueKeyPrefix } from './test-store.ts';
export { recordSpans, SpanKind, SpanStatusCode } from './recorded-spans.ts';
export type { RecordedSpan, RecordedSpans } from './recorded-spans.ts';
