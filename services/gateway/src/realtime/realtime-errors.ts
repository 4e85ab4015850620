import { defineErrors } from '@pyairtable/kit';

/**
 * Failures of an answer's stream that only the WebSocket path has; they reach the client as
 * `chat.error` frames (the HTTP path passes chat's stream through untouched instead).
 */
export const realtimeErrors = defineErrors({
  GW_WS_STREAM_INTERRUPTED: {
    status: 502,
    title: 'Stream interrupted',
    detail: (params: { lastEventId: number }) =>
      `The answer's stream from chat was cut off after event ${String(params.lastEventId)}; send chat.resume with that eventId to pick it up.`,
  },
  GW_WS_UPSTREAM_PROTOCOL: {
    status: 502,
    title: 'Unreadable upstream event',
    detail: (params: { reason: string }) =>
      `The chat service sent an event the gateway could not read (${params.reason}).`,
  },
});
