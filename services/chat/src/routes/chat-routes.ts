import type { ServiceApp } from '@pyairtable/kit';
import type { ChatRouteContext } from './chat-route-context.ts';
import { messageRoutes } from './message-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { usageRoutes } from './usage-routes.ts';

/** chat's public API (reached through the gateway at the same paths). */
export function chatRoutes(app: ServiceApp, context: ChatRouteContext): void {
  sessionRoutes(app, context);
  messageRoutes(app, context);
  usageRoutes(app, context);
}
