/**
 * The operator example's workspace as its owner sees it through the gateway: the owner
 * (demo@pyairtable.local, a member in operator/examples/workspace.yaml) registers or signs in,
 * finds the workspace the operator made, gets an API key, and asks one question over SSE.
 */

/** Who k6 and the chat turn act as. */
export interface DemoAccount {
  readonly login: string;
  readonly password: string;
  readonly accessToken: string;
  readonly workspaceId: string;
  readonly apiKey: string;
}

/** The owner named in operator/examples/workspace.yaml. */
export const DEMO_OWNER_EMAIL = 'demo@pyairtable.local';

interface ApiAnswer {
  readonly status: number;
  readonly json: unknown;
}

async function call(
  gatewayUrl: string,
  method: string,
  pathname: string,
  token: string | undefined,
  body?: unknown,
): Promise<ApiAnswer> {
  const response = await fetch(`${gatewayUrl}${pathname}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json: unknown = text === '' ? {} : JSON.parse(text);
  return { status: response.status, json };
}

async function expectOk(
  what: string,
  result: Promise<ApiAnswer>,
  ...accepted: number[]
): Promise<unknown> {
  const { status, json } = await result;
  if (!(accepted.length === 0 ? status >= 200 && status < 300 : accepted.includes(status))) {
    const detail = (json as { detail?: string }).detail ?? JSON.stringify(json).slice(0, 200);
    throw new Error(`${what} answered ${String(status)}: ${detail}`);
  }
  return json;
}

/** Signs the example workspace's owner in (registering it the first time) and makes a key. */
export async function demoAccount(
  gatewayUrl: string,
  password: string,
  workspaceName: string,
): Promise<DemoAccount> {
  const signIn = () =>
    call(gatewayUrl, 'POST', '/api/auth/login', undefined, {
      login: DEMO_OWNER_EMAIL,
      password,
    });
  let login = await signIn();
  if (login.status === 401) {
    await expectOk(
      'POST /api/auth/register',
      call(gatewayUrl, 'POST', '/api/auth/register', undefined, {
        email: DEMO_OWNER_EMAIL,
        username: 'demo',
        displayName: 'Demo owner',
        password,
      }),
    );
    login = await signIn();
  }
  const accessToken = (login.json as { accessToken?: string }).accessToken;
  if (login.status !== 200 || accessToken === undefined) {
    throw new Error(`POST /api/auth/login answered ${String(login.status)}`);
  }
  const { workspaces } = (await expectOk(
    'GET /api/workspaces',
    call(gatewayUrl, 'GET', '/api/workspaces', accessToken),
  )) as { workspaces: { id: string; name: string; displayName: string }[] };
  const workspace = workspaces.find(
    (candidate) => candidate.name === workspaceName || candidate.name.endsWith(`/${workspaceName}`),
  );
  if (workspace === undefined) {
    throw new Error(
      `${DEMO_OWNER_EMAIL} is not a member of a workspace named ${workspaceName} (has: ${workspaces.map((w) => w.name).join(', ') || 'none'})`,
    );
  }
  const key = (await expectOk(
    'POST /api/workspaces/:id/api-keys',
    call(gatewayUrl, 'POST', `/api/workspaces/${workspace.id}/api-keys`, accessToken, {
      name: `cluster run ${new Date().toISOString()}`,
      role: 'editor',
      expiresInDays: 1,
    }),
  )) as { secret: string };
  return {
    login: DEMO_OWNER_EMAIL,
    password,
    accessToken,
    workspaceId: workspace.id,
    apiKey: key.secret,
  };
}

/** One question and its streamed answer. */
export interface ChatTurn {
  readonly question: string;
  readonly status: string;
  readonly answer: string;
  readonly events: number;
  readonly toolCalls: readonly string[];
}

interface SseEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

function parseSse(body: string): SseEvent[] {
  return body
    .split(/\r?\n\r?\n/)
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length === 0) return undefined;
      return { event, data: JSON.parse(data.join('\n')) as Record<string, unknown> };
    })
    .filter((event): event is SseEvent => event !== undefined);
}

/** Opens a chat session in the workspace and asks `question`, reading the SSE answer to its end. */
export async function chatTurn(
  gatewayUrl: string,
  account: DemoAccount,
  question: string,
): Promise<ChatTurn> {
  const session = (await expectOk(
    'POST /api/chat/sessions',
    call(gatewayUrl, 'POST', '/api/chat/sessions', account.accessToken, {
      workspaceId: account.workspaceId,
      title: 'npm run cluster:up',
    }),
  )) as { id: string };
  const response = await fetch(`${gatewayUrl}/api/chat/sessions/${session.id}/messages`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${account.accessToken}`,
      'content-type': 'application/json',
      accept: 'text/event-stream',
    },
    body: JSON.stringify({ content: question }),
  });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`the chat turn answered ${String(response.status)}: ${body.slice(0, 300)}`);
  }
  const events = parseSse(body);
  const completed = events.at(-1);
  const answer = events
    .filter((event) => event.event === 'message.delta')
    .map((event) => (typeof event.data['text'] === 'string' ? event.data['text'] : ''))
    .join('');
  const toolCalls = events
    .filter((event) => event.event === 'tool.call')
    .map((event) => (typeof event.data['name'] === 'string' ? event.data['name'] : 'unnamed'));
  return {
    question,
    status:
      completed?.event === 'message.completed' && typeof completed.data['status'] === 'string'
        ? completed.data['status']
        : `ended with ${completed?.event ?? 'nothing'}`,
    answer,
    events: events.length,
    toolCalls,
  };
}
