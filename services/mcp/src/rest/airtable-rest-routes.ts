import type { ServiceApp } from '@pyairtable/kit';
import type { ScopeResolver } from '../identity/scope-resolver.ts';
import { basesRoutes } from './bases-routes.ts';
import { cacheRoutes } from './cache-routes.ts';
import { recordsReadRoutes } from './records-read-routes.ts';
import { recordsWriteRoutes } from './records-write-routes.ts';
import { createRequestScopes } from './request-scopes.ts';

/** Where the REST API lives; register {@link airtableRestRoutes} with it as `prefix`. */
export const AIRTABLE_REST_PREFIX = '/api/v1/airtable';

/** Options of {@link airtableRestRoutes}. */
export interface AirtableRestOptions {
  /** Turns each request into its caller's scope; rejects with 401/403/404 problems. */
  readonly resolveScope: ScopeResolver;
}

/**
 * The Airtable REST API of the replaced system's gateway, over the same scope and access layer
 * as the MCP tools: bases, schemas, one page of records, single records, writes of up to 1,000
 * records (sent 10 at a time), and cache invalidation. Every request's scope is resolved before
 * anything else, bases outside it are 403 MCP_BASE_NOT_ALLOWED and viewers' writes 403
 * MCP_READ_ONLY_ROLE. Register after `restOpenApi` so the document includes it:
 * `app.register(airtableRestRoutes, { prefix: AIRTABLE_REST_PREFIX, resolveScope })`.
 */
export function airtableRestRoutes(app: ServiceApp, options: AirtableRestOptions): void {
  const scopes = createRequestScopes(options.resolveScope);
  app.addHook('onRequest', scopes.resolve);
  basesRoutes(app, scopes);
  recordsReadRoutes(app, scopes);
  recordsWriteRoutes(app, scopes);
  cacheRoutes(app, scopes);
}
