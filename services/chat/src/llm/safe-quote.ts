import { redactString } from '@pyairtable/kit';

// Google API keys have a recognisable shape; one that is not ours could still be quoted.
const GOOGLE_API_KEY_PATTERN = /AIza[0-9A-Za-z_-]{35}/g;
const MAX_QUOTED_CHARS = 300;

/**
 * Upstream text fit for an error message a user may read: without our key, anything shaped
 * like a key or token, and cut short, since a provider's message can echo what it was sent.
 */
export function safeQuote(text: string, apiKey: string): string {
  const ours = apiKey === '' ? [] : [new RegExp(escapeRegExp(apiKey), 'g')];
  const redacted = redactString(text, [...ours, GOOGLE_API_KEY_PATTERN]);
  return redacted.length > MAX_QUOTED_CHARS ? `${redacted.slice(0, MAX_QUOTED_CHARS)}…` : redacted;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
