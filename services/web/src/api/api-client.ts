import { ApiError, apiErrorFrom, networkError } from './api-error.ts';
import type { TokenPair, TokenStore } from './token-store.ts';

/** `fetch` as the app uses it; tests pass a fake. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Options of {@link ApiClient}. */
export interface ApiClientOptions {
  readonly fetch: FetchLike;
  readonly tokens: TokenStore;
  /** Called once the session cannot be renewed: the app shows the sign-in form. */
  readonly onSignedOut: () => void;
}

/**
 * Calls the gateway's API as the signed-in user. A 401 triggers one refresh and one retry;
 * concurrent 401s share that refresh, because refresh tokens are single use and presenting
 * one twice revokes the whole session.
 */
export class ApiClient {
  readonly #options: ApiClientOptions;
  #refreshing: Promise<boolean> | null = null;

  constructor(options: ApiClientOptions) {
    this.#options = options;
  }

  /** Whether a session may exist (a refresh token survives reloads). */
  get hasSession(): boolean {
    return this.#options.tokens.refreshToken !== null;
  }

  /** Sends a request with the access token; the response may be any status. */
  async send(path: string, init: RequestInit = {}): Promise<Response> {
    const { tokens } = this.#options;
    if (tokens.accessToken === null && tokens.refreshToken !== null) await this.#refresh();
    let response = await this.#fetch(path, this.#withToken(init));
    if (response.status === 401 && (await this.#refresh())) {
      response = await this.#fetch(path, this.#withToken(init));
    }
    if (response.status === 401) this.#signedOut();
    return response;
  }

  /** Sends a request and reads its JSON answer; an error status throws an {@link ApiError}. */
  async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.send(path, withJsonBody(init));
    if (!response.ok) throw await apiErrorFrom(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** Signs in with an email or username; throws an {@link ApiError} on failure. */
  async signIn(login: string, password: string): Promise<void> {
    const pair = await this.#anonymous<TokenPair>('/api/auth/login', { login, password });
    this.#options.tokens.save(pair);
  }

  /** Creates an account, then signs in with it. */
  async signUp(input: { email: string; password: string; displayName?: string }): Promise<void> {
    await this.#anonymous('/api/auth/register', input);
    await this.signIn(input.email, input.password);
  }

  /** Revokes the refresh token (best effort) and forgets both tokens. */
  async signOut(): Promise<void> {
    const refreshToken = this.#options.tokens.refreshToken;
    this.#options.tokens.clear();
    if (refreshToken === null) return;
    try {
      await this.#anonymous('/api/auth/logout', { refreshToken });
    } catch {
      // Already signed out locally; the token expires on its own.
    }
  }

  async #anonymous<T>(path: string, body: unknown): Promise<T> {
    const response = await this.#fetch(
      path,
      withJsonBody({ method: 'POST', body: JSON.stringify(body) }),
    );
    if (!response.ok) throw await apiErrorFrom(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  #refresh(): Promise<boolean> {
    this.#refreshing ??= this.#exchangeRefreshToken().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #exchangeRefreshToken(): Promise<boolean> {
    const { tokens } = this.#options;
    const refreshToken = tokens.refreshToken;
    if (refreshToken === null) return false;
    try {
      tokens.save(await this.#anonymous<TokenPair>('/api/auth/refresh', { refreshToken }));
      return true;
    } catch (error) {
      // Only a refused token ends the session; a network blip keeps it for the next try.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        this.#signedOut();
      }
      return false;
    }
  }

  #signedOut(): void {
    this.#options.tokens.clear();
    this.#options.onSignedOut();
  }

  #withToken(init: RequestInit): RequestInit {
    const token = this.#options.tokens.accessToken;
    const headers = new Headers(init.headers);
    if (token !== null) headers.set('authorization', `Bearer ${token}`);
    return { ...init, headers };
  }

  async #fetch(path: string, init: RequestInit): Promise<Response> {
    try {
      return await this.#options.fetch(path, init);
    } catch (error) {
      if (init.signal?.aborted === true) throw error;
      throw networkError(error);
    }
  }
}

function withJsonBody(init: RequestInit): RequestInit {
  if (init.body === undefined || init.body === null) return init;
  const headers = new Headers(init.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return { ...init, headers };
}
