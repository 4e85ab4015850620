export { createAirtableAccess } from './create-airtable-access.ts';
export type { AirtableAccess } from './create-airtable-access.ts';
export type { AirtableAccessOptions } from './access-options.ts';
export type { AccessLogger } from './access-logger.ts';
export type { Clock } from './clock.ts';
export { systemClock } from './clock.ts';
export type { GateLimits } from './limits/request-gate.ts';
export type { CacheTtls } from './cache/read-cache.ts';
export type { RetrySettings } from './execution/request-executor.ts';
export type { RecordReads } from './records/record-reads.ts';
export type { RecordWrites } from './records/record-writes.ts';
export type { RecordComments } from './records/record-comments.ts';
export type { MetadataOperations } from './metadata/metadata-operations.ts';
export { MAX_RECORDS_PER_WRITE } from './batching/write-coalescer.ts';

export { airtableErrorDetails, airtableErrors } from './errors/airtable-errors.ts';
export type { AirtableErrorDetails } from './errors/airtable-errors.ts';

export {
  buildFilterFormula,
  FILTER_OPERATORS,
  searchFormula,
} from './formula/build-filter-formula.ts';
export type { FieldCondition, FilterValue, RecordFilter } from './formula/build-filter-formula.ts';
export { escapeFormulaString, fieldReference } from './formula/formula-literals.ts';

export type {
  AirtableRecord,
  BaseList,
  BaseSchema,
  BaseSummary,
  CommentPage,
  DeletedRecord,
  FieldSchema,
  ListRecordsOptions,
  NewField,
  NewRecord,
  NewTable,
  RecordComment,
  RecordFields,
  RecordPage,
  RecordSort,
  RecordUpdate,
  SchemaChanges,
  TableSchema,
  UpdateOptions,
  UpsertOptions,
  UpsertResult,
  ViewSchema,
  WhoAmI,
  WriteOptions,
} from './airtable-types.ts';
