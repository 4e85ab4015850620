export { realtimeRoutes } from './realtime-routes.ts';
export type { RealtimeOptions } from './realtime-routes.ts';
export {
  ChatCancelRequestSchema,
  ChatMessageRequestSchema,
  ChatResumeRequestSchema,
  ClientMessageSchema,
} from './client-messages.ts';
export type { ClientMessage } from './client-messages.ts';
export { CloseCodes, ServerFrameSchema } from './server-frames.ts';
export type { ServerFrame } from './server-frames.ts';
