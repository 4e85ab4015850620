import { decodeJson } from './json-value.ts';
import type { MessageHandler, StoreErrorReporter } from './shared-store.ts';

/**
 * Hands one published message to one handler. Each handler decodes its own copy so one cannot
 * mutate what another sees, and a handler that throws or rejects is reported instead of
 * breaking delivery to the others or crashing the process from an event callback.
 */
export async function deliverMessage(
  handler: MessageHandler,
  encoded: string,
  reportError: StoreErrorReporter,
): Promise<void> {
  try {
    await handler(decodeJson(encoded));
  } catch (error: unknown) {
    reportError(error);
  }
}
