import { parseSse } from './chat-platform.ts';
import type { ChatPlatform, ReceivedEvent } from './chat-platform.ts';

/** A signed-in user of the seeded workspace talking to chat. */
export interface ChatClient {
  createSession(): Promise<string>;
  /** Asks and reads the whole SSE stream. */
  askStreaming(sessionId: string, content: string): Promise<ReceivedEvent[]>;
  /** Asks without streaming; resolves with the response. */
  ask(sessionId: string, content: string): Promise<Response>;
  messages(sessionId: string): Promise<StoredMessage[]>;
  headers(): Promise<Record<string, string>>;
}

/** A message as chat's API returns it. */
export interface StoredMessage {
  readonly id: string;
  readonly role: string;
  readonly content: string;
  readonly status: string;
  readonly error: string | null;
  readonly toolCalls: {
    name: string;
    outcome: string;
    arguments: Record<string, unknown>;
    preview: string;
  }[];
  readonly usage: { totalTokens: number } | null;
}

/** A client acting as `userId` with an access token. */
export function chatClient(platform: ChatPlatform, userId: string): ChatClient {
  const headers = async (): Promise<Record<string, string>> => ({
    authorization: `Bearer ${await platform.seeded.accessToken(userId)}`,
    'content-type': 'application/json',
  });
  const post = async (path: string, body: unknown, extra: Record<string, string> = {}) =>
    fetch(`${platform.chatUrl}${path}`, {
      method: 'POST',
      headers: { ...(await headers()), ...extra },
      body: JSON.stringify(body),
    });
  return {
    headers,
    async createSession() {
      const response = await post('/api/chat/sessions', {
        workspaceId: platform.seeded.workspaceId,
      });
      if (response.status !== 201)
        throw new Error(`session: ${String(response.status)} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    async askStreaming(sessionId, content) {
      const response = await post(
        `/api/chat/sessions/${sessionId}/messages`,
        { content },
        { accept: 'text/event-stream' },
      );
      if (response.status !== 200)
        throw new Error(`ask: ${String(response.status)} ${await response.text()}`);
      return parseSse(await response.text());
    },
    ask: (sessionId, content) => post(`/api/chat/sessions/${sessionId}/messages`, { content }),
    async messages(sessionId) {
      const response = await fetch(`${platform.chatUrl}/api/chat/sessions/${sessionId}/messages`, {
        headers: await headers(),
      });
      return ((await response.json()) as { messages: StoredMessage[] }).messages;
    },
  };
}
