import type { AppError } from '@pyairtable/kit';
import { gatewayErrors } from '../gateway-errors.ts';

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'EPIPE',
]);
const TIMEOUTS = new Set([
  'FST_REPLY_FROM_GATEWAY_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Names what went wrong between the gateway and a service as a problem the client can act on:
 * 502 when nothing answered, 504 when it answered too slowly, 503 otherwise. The cause stays
 * in the gateway's log; the client never sees internal addresses.
 */
export function upstreamFailure(upstream: string, error: unknown, timeoutMs: number): AppError {
  const codes = errorCodes(error);
  if (codes.some((code) => TIMEOUTS.has(code))) {
    return gatewayErrors.GW_UPSTREAM_TIMEOUT(
      { upstream, seconds: Math.round(timeoutMs / 1000) },
      error,
    );
  }
  if (codes.some((code) => UNREACHABLE.has(code))) {
    return gatewayErrors.GW_UPSTREAM_UNREACHABLE({ upstream }, error);
  }
  return gatewayErrors.GW_UPSTREAM_UNAVAILABLE({ upstream }, error);
}

// reply-from wraps undici's error; the useful code may sit a few causes down.
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    current = cause;
  }
  return codes;
}
