/** The chat benchmark's client: the seeded workspace's owner talking to chat over HTTP. */
import { request } from 'node:http';
import type { SeededRegistry } from '../support/seeded-registry.ts';

/** A signed-in owner of the seeded workspace. */
export interface ChatBenchClient {
  /** The headers every request sends (a signed access token). */
  readonly headers: Readonly<Record<string, string>>;
  createSession(): Promise<string>;
  /** Asks without streaming and resolves once the final answer is stored; throws unless complete. */
  ask(sessionId: string, content: string): Promise<void>;
  /**
   * Asks with SSE, reads until `message.started` names the answer, then drops the connection:
   * the answer keeps being generated, detached from any client. Resolves with its id.
   */
  startAnswer(sessionId: string, content: string): Promise<string>;
}

/** A client for the chat at `chatUrl`, signed in once (tokens last ten minutes). */
export async function chatBenchClient(
  chatUrl: string,
  seeded: SeededRegistry,
): Promise<ChatBenchClient> {
  const headers = {
    authorization: `Bearer ${await seeded.accessToken(seeded.users.owner)}`,
    'content-type': 'application/json',
  };
  const post = (path: string, body: unknown) =>
    fetch(`${chatUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return {
    headers,
    async createSession() {
      const response = await post('/api/chat/sessions', { workspaceId: seeded.workspaceId });
      if (response.status !== 201) throw await failure('session', response);
      return ((await response.json()) as { id: string }).id;
    },
    async ask(sessionId, content) {
      const response = await post(`/api/chat/sessions/${sessionId}/messages`, { content });
      if (response.status !== 200) throw await failure('ask', response);
      const { answer } = (await response.json()) as { answer: { status: string } };
      if (answer.status !== 'complete') throw new Error(`answer ended ${answer.status}`);
    },
    startAnswer: (sessionId, content) =>
      startDetachedAnswer(`${chatUrl}/api/chat/sessions/${sessionId}/messages`, headers, content),
  };
}

async function failure(what: string, response: Response): Promise<Error> {
  return new Error(`${what}: ${String(response.status)} ${await response.text()}`);
}

/**
 * POSTs a question with SSE and destroys the socket once `message.started` names the answer.
 * node:http rather than fetch: aborting a fetch whose headers have arrived left undici's
 * socket open, and the server then kept the connection until its next heartbeat.
 */
function startDetachedAnswer(
  url: string,
  headers: Readonly<Record<string, string>>,
  content: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', headers: { ...headers, accept: 'text/event-stream' }, agent: false },
      (response) => {
        if (response.statusCode !== 200) {
          outgoing.destroy();
          reject(new Error(`ask: ${String(response.statusCode)}`));
          return;
        }
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
          const answerId = /"answerId":"([^"]+)"/.exec(text)?.[1];
          if (answerId === undefined) return;
          outgoing.destroy();
          resolve(answerId);
        });
        response.on('end', () => {
          reject(new Error('the stream ended before message.started'));
        });
      },
    );
    outgoing.on('error', (error) => {
      reject(error);
    });
    outgoing.end(JSON.stringify({ content }));
  });
}
