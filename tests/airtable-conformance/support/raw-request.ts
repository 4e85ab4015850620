/**
 * Requests without any client: what the emulator itself answers, with nothing batched,
 * limited, retried or rewritten on the way.
 */
import { DEMO_ACCESS_TOKEN } from '@pyairtable/airtable-emulator';

/** An Airtable answer read without any client: status and error type, if any. */
export interface RawAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly errorType: string | undefined;
}

/** Sends one request below `/v0/` with plain fetch (no client batches, limits or retries). */
export async function rawRequest(
  endpointUrl: string,
  path: string,
  options: { readonly method?: string; readonly body?: unknown; readonly token?: string } = {},
): Promise<RawAnswer> {
  const response = await fetch(`${endpointUrl}/v0/${path}`, {
    method: options.method ?? 'GET',
    headers: {
      authorization: `Bearer ${options.token ?? DEMO_ACCESS_TOKEN}`,
      'content-type': 'application/json',
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const body: unknown = await response.json();
  return { status: response.status, body, errorType: errorTypeOf(body) };
}

function errorTypeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const { error } = body;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && 'type' in error) {
    return typeof error.type === 'string' ? error.type : undefined;
  }
  return undefined;
}
