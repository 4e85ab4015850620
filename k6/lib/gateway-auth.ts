/**
 * Signing in through the gateway: `POST /api/auth/login` and `POST /api/auth/refresh`, each
 * tagged with the endpoint name its latency is judged by.
 */
import http from 'k6/http';
import type { Response } from 'k6/http';
import { jsonBody, numberField, stringField } from './json-body.ts';

/** An access token, the refresh token that renews it, and when the access token expires. */
export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Milliseconds since the epoch. */
  readonly expiresAtMs: number;
}

/** A sign-in request and the pair it gave, if it gave one. */
export interface AuthAnswer {
  readonly response: Response;
  readonly pair: TokenPair | undefined;
}

const JSON_HEADERS = withJsonBody({});

function tokenPair(response: Response): TokenPair | undefined {
  if (response.status !== 200) return undefined;
  const body = jsonBody(response);
  const accessToken = stringField(body, 'accessToken');
  const refreshToken = stringField(body, 'refreshToken');
  const expiresIn = numberField(body, 'expiresIn');
  if (accessToken === undefined || refreshToken === undefined || expiresIn === undefined) {
    return undefined;
  }
  return { accessToken, refreshToken, expiresAtMs: Date.now() + expiresIn * 1000 };
}

/** Signs in with a login (email or username) and password. */
export function login(
  baseUrl: string,
  credentials: { readonly login: string; readonly password: string },
  endpoint = 'auth_login',
): AuthAnswer {
  const response = http.post(
    `${baseUrl}/api/auth/login`,
    JSON.stringify({ login: credentials.login, password: credentials.password }),
    { headers: JSON_HEADERS, tags: { endpoint }, timeout: '30s' },
  );
  return { response, pair: tokenPair(response) };
}

/** Exchanges a refresh token (single use) for the next pair. */
export function refresh(
  baseUrl: string,
  refreshToken: string,
  endpoint = 'auth_refresh',
): AuthAnswer {
  const response = http.post(`${baseUrl}/api/auth/refresh`, JSON.stringify({ refreshToken }), {
    headers: JSON_HEADERS,
    tags: { endpoint },
    timeout: '30s',
  });
  return { response, pair: tokenPair(response) };
}

/** Headers of a request made as a signed-in user. */
export function bearer(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}` };
}

/** Headers of a request made with a workspace API key. */
export function apiKeyHeaders(apiKey: string): Record<string, string> {
  return { 'x-api-key': apiKey };
}

/**
 * `headers` for a request with a JSON body. Only then: the services refuse a JSON content
 * type without a body (a DELETE, say) with 400.
 */
export function withJsonBody(headers: Record<string, string>): Record<string, string> {
  return { ...headers, 'content-type': 'application/json' };
}
