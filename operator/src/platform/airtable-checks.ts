import { AppError } from '@pyairtable/kit';
import type { SharedStore } from '@pyairtable/kit';
import { createAirtableAccess } from '@pyairtable/airtable-access';
import type { BaseSummary } from '@pyairtable/airtable-access';

/** Airtable's verdict on a token, or why there is none. */
export type CheckOutcome<Result> =
  | { readonly kind: 'ok'; readonly result: Result }
  /** Airtable refused the token (401/403): checking again will not help until it changes. */
  | { readonly kind: 'rejected'; readonly message: string }
  /** No verdict (network, 5xx, 429, a full queue): try again later. */
  | { readonly kind: 'unavailable'; readonly message: string };

/** The checks the operator makes with a tenant's token. */
export interface AirtableChecks {
  /** Who the token belongs to (Airtable's `whoami`). */
  whoami(token: string): Promise<CheckOutcome<{ readonly userId: string }>>;
  /** Every base the token can see (all pages). */
  listBases(token: string): Promise<CheckOutcome<readonly BaseSummary[]>>;
}

/** Options of {@link createAirtableChecks}. */
export interface AirtableChecksOptions {
  readonly endpointUrl: string;
  /** Shared with mcp through Redis, so the operator's calls count against the same limits. */
  readonly store: SharedStore;
}

const REJECTING_CODES = new Set(['AIRTABLE_AUTHENTICATION_FAILED', 'AIRTABLE_PERMISSION_DENIED']);

/**
 * Checks through the platform's own Airtable access layer: the same endpoint setting (so the
 * emulator serves in tests), the same distributed limiter and retry rules. Retries are few
 * and short because the operator's work queue retries with its own backoff.
 */
export function createAirtableChecks(options: AirtableChecksOptions): AirtableChecks {
  const access = (token: string) =>
    createAirtableAccess({
      endpointUrl: options.endpointUrl,
      token,
      store: options.store,
      retry: { maxAttempts: 2, baseDelayMs: 250, maxDelayMs: 1_000 },
      requestTimeoutMs: 10_000,
      limits: { maxQueueWaitMs: 15_000 },
    });
  const check = async <Result>(work: () => Promise<Result>): Promise<CheckOutcome<Result>> => {
    try {
      return { kind: 'ok', result: await work() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof AppError && REJECTING_CODES.has(error.code)) {
        return { kind: 'rejected', message };
      }
      return { kind: 'unavailable', message };
    }
  };
  return {
    whoami: (token) => check(async () => ({ userId: (await access(token).whoami()).id })),
    listBases: (token) =>
      check(async () => {
        const client = access(token);
        const bases: BaseSummary[] = [];
        let offset: string | undefined;
        do {
          const page = await client.listBases(offset === undefined ? {} : { offset });
          bases.push(...page.bases);
          offset = page.offset;
        } while (offset !== undefined);
        return bases;
      }),
  };
}
