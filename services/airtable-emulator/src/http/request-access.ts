/**
 * Who may call what, checked before every `/v0` handler in Airtable's order: ids in the path
 * that cannot exist are 404 before anything else; then the token (401), the per-token limit
 * (429), the route's scope (403), the base being granted and existing (403 either way, so a
 * token cannot probe for bases) and the per-base limit (429).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { airtableErrors } from '../airtable-errors.ts';
import { grantsBase } from '../auth/access-tokens.ts';
import type { AccessToken, Scope, TokenRegistry } from '../auth/access-tokens.ts';
import type { RateLimiter } from '../auth/rate-limiter.ts';
import type { EmulatorState } from '../model/emulator-state.ts';
import { isIdOf } from '../model/new-ids.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a route needs; routes without one (whoami) need only a valid token. */
    scope?: Scope;
  }
  interface FastifyRequest {
    /** The token that authenticated the request (set for every routed `/v0` request). */
    accessToken: AccessToken | null;
  }
}

/** What the access check needs. */
export interface AccessOptions {
  readonly state: EmulatorState;
  readonly tokens: TokenRegistry;
  /** Absent when rate limits are off. */
  readonly limiter: RateLimiter | undefined;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function checkPathIds(params: Readonly<Record<string, string | undefined>>): void {
  const malformed =
    (params['baseId'] !== undefined && !isIdOf('app', params['baseId'])) ||
    (params['recordId'] !== undefined && !isIdOf('rec', params['recordId'])) ||
    (params['commentId'] !== undefined && !isIdOf('com', params['commentId']));
  if (malformed) throw airtableErrors.routeNotFound();
}

function checkAccess(options: AccessOptions, request: FastifyRequest): void {
  if (request.is404) return;
  const params = request.params as Readonly<Record<string, string | undefined>>;
  checkPathIds(params);
  const header = request.headers.authorization;
  const secret = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
  const token = secret === undefined ? undefined : options.tokens.find(secret);
  if (token === undefined) throw airtableErrors.authenticationRequired();
  if (options.limiter !== undefined && !options.limiter.allowToken(token.token)) {
    throw airtableErrors.rateLimited();
  }
  const scope = request.routeOptions.config.scope;
  if (scope !== undefined && !token.scopes.includes(scope)) throw airtableErrors.modelNotFound();
  const baseId = params['baseId'];
  if (baseId !== undefined) {
    if (!grantsBase(token, baseId) || !options.state.bases.has(baseId)) {
      throw airtableErrors.modelNotFound();
    }
    if (options.limiter !== undefined && !options.limiter.allowBase(baseId)) {
      throw airtableErrors.rateLimited();
    }
  }
  request.accessToken = token;
}

/** The `onRequest` hook of the `/v0` routes. */
export function createAccessHook(options: AccessOptions) {
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    try {
      checkAccess(options, request);
      done();
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  };
}
