/**
 * The Airtable emulator's public surface: build an app (for `inject` in tests or `listen`),
 * the demo token and user, the token and limit types, the demo bases and their ids, the
 * large-base generator, and the seed format bases are written in.
 */
export { emulatorApp } from './app.ts';
export type { EmulatorAppOptions } from './app.ts';
export { buildEmulator } from './build-emulator.ts';
export type { EmulatorOptions } from './build-emulator.ts';
export { emulatorConfigSchema } from './config.ts';
export type { EmulatorConfig } from './config.ts';
export { emulatorOptionsFrom, parseLargeBaseSpec } from './emulator-options.ts';
export {
  AccessTokenSchema,
  DEMO_ACCESS_TOKEN,
  DEMO_USER,
  demoAccessToken,
  SCOPES,
  TokensFileSchema,
} from './auth/access-tokens.ts';
export type { AccessToken, Scope } from './auth/access-tokens.ts';
export { AIRTABLE_RATE_LIMITS } from './auth/rate-limiter.ts';
export type { RateLimitSettings } from './auth/rate-limiter.ts';
export { createManualClock, systemClock } from './clock.ts';
export type { Clock, ManualClock } from './clock.ts';
export { AirtableError, airtableErrors } from './airtable-errors.ts';
export type { AirtableErrorBody } from './airtable-errors.ts';
export type { EmulatorState } from './model/emulator-state.ts';
export { demoBases } from './seed/demo/demo-bases.ts';
export { DEAL_STAGES } from './seed/demo/sales-schema.ts';
export {
  DEMO_COMPANIES_TABLE_ID,
  DEMO_CONTACTS_TABLE_ID,
  DEMO_DEALS_TABLE_ID,
  DEMO_PEOPLE_TABLE_ID,
  DEMO_PROJECTS_BASE_ID,
  DEMO_PROJECTS_TABLE_ID,
  DEMO_SALES_BASE_ID,
  DEMO_TASKS_TABLE_ID,
} from './seed/demo/demo-ids.ts';
export { generateLargeBase } from './seed/large/large-base.ts';
export type { LargeBaseOptions } from './seed/large/large-base.ts';
export type {
  SeedBase,
  SeedField,
  SeedFieldType,
  SeedRecord,
  SeedTable,
  SeedView,
} from './seed/seed-format.ts';
