import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TokenPair } from '../../src/accounts/account-schemas.ts';
import type { GatewayHarness } from '../support/gateway-harness.ts';

/** A password that passes the registration rules. */
export const PASSWORD = 'correct horse battery staple';

let addresses = 0;

/** A client address no other request of the run used, so per-IP limits start full. */
export function freshAddress(): string {
  addresses += 1;
  return `10.${String((addresses >> 16) & 255)}.${String((addresses >> 8) & 255)}.${String(addresses & 255)}`;
}

/** Registers an account (201 expected) and resolves with its id. */
export async function registerAccount(
  gateway: GatewayHarness,
  body: { readonly email: string; readonly username?: string; readonly password?: string },
): Promise<string> {
  const response = await gateway.request({
    method: 'POST',
    url: '/api/auth/register',
    body: { password: PASSWORD, ...body },
    remoteAddress: freshAddress(),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ user: { id: string } }>().user.id;
}

/** `POST /api/auth/login` from a fresh address unless one is given. */
export function login(
  gateway: GatewayHarness,
  loginName: string,
  password: string,
  remoteAddress = freshAddress(),
): Promise<LightMyRequestResponse> {
  return gateway.request({
    method: 'POST',
    url: '/api/auth/login',
    body: { login: loginName, password },
    remoteAddress,
  });
}

/** Signs in (200 expected) and resolves with the token pair. */
export async function signIn(
  gateway: GatewayHarness,
  loginName: string,
  password = PASSWORD,
): Promise<TokenPair> {
  const response = await login(gateway, loginName, password);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<TokenPair>();
}
