import {
  createHttpClient,
  UpstreamNetworkError,
  UpstreamStatusError,
  UpstreamTimeoutError,
} from '@pyairtable/kit';
import { airtableErrors } from '../errors/airtable-errors.ts';
import { networkFailure, statusFailure, timeoutFailure } from '../errors/call-failure.ts';

/** Plain HTTP to Airtable's API, for what airtable.js cannot do. */
export interface HttpTransport {
  /**
   * Sends one attempt to `path` below `/v0/` and resolves the JSON body. Rejects with an
   * AirtableCallFailure when Airtable refuses or cannot be reached.
   */
  send(method: string, path: string, request?: HttpTransportRequest): Promise<unknown>;
}

/** Query and body of one request. */
export interface HttpTransportRequest {
  readonly query?: URLSearchParams;
  readonly json?: unknown;
}

/**
 * The kit's HTTP client with retries and its breaker switched off: the executor owns the
 * retry policy (every attempt must pass the rate limiter, and a 429 must penalize the base)
 * and one breaker covering both transports. What the kit client still gives: per-attempt
 * timeouts, bodies read inside the attempt, paths that cannot leave the API, typed failures,
 * and trace propagation through fetch.
 */
export function createHttpTransport(options: {
  readonly endpointUrl: string;
  readonly token: string;
  readonly timeoutMs: number;
}): HttpTransport {
  const client = createHttpClient({
    baseUrl: `${options.endpointUrl}/v0/`,
    name: 'airtable',
    timeoutMs: options.timeoutMs,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    breaker: { failureThreshold: Number.POSITIVE_INFINITY, resetAfterMs: 1 },
    headers: { authorization: `Bearer ${options.token}` },
  });

  return {
    async send(method, path, request = {}) {
      const query = request.query?.toString() ?? '';
      let response: Response;
      try {
        response = await client.request(query === '' ? path : `${path}?${query}`, {
          method,
          ...(request.json === undefined ? {} : { json: request.json }),
        });
      } catch (error) {
        if (error instanceof UpstreamStatusError) {
          throw statusFailure(error.status, parseJson(error.body), error);
        }
        if (error instanceof UpstreamTimeoutError) throw timeoutFailure(error.timeoutMs, error);
        if (error instanceof UpstreamNetworkError) throw networkFailure(error.cause);
        throw error;
      }
      const text = await response.text();
      const body = parseJson(text);
      if (body === undefined) {
        throw airtableErrors.AIRTABLE_BAD_RESPONSE({ what: `${method} answer is not JSON` });
      }
      return body;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
