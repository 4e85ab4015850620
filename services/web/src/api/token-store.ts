/** The subset of the Web Storage API the token store needs (sessionStorage in the browser). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** `200` of login and refresh. */
export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
}

const REFRESH_KEY = 'pyairtable.refreshToken';

/**
 * Holds the tokens: the access token in memory only (a script injected later cannot find it
 * in storage), the refresh token in sessionStorage so a reload keeps the user signed in while
 * closing the tab signs them out.
 */
export class TokenStore {
  #accessToken: string | null = null;
  readonly #storage: KeyValueStorage;

  constructor(storage: KeyValueStorage) {
    this.#storage = storage;
  }

  get accessToken(): string | null {
    return this.#accessToken;
  }

  get refreshToken(): string | null {
    return this.#storage.getItem(REFRESH_KEY);
  }

  save(pair: TokenPair): void {
    this.#accessToken = pair.accessToken;
    this.#storage.setItem(REFRESH_KEY, pair.refreshToken);
  }

  clear(): void {
    this.#accessToken = null;
    this.#storage.removeItem(REFRESH_KEY);
  }
}
