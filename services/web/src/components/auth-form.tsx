import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';

/** Props of {@link AuthForm}. */
export interface AuthFormProps {
  readonly client: ApiClient;
  readonly onSignedIn: () => void;
  /** Why the user sees the form again, when their session ended. */
  readonly reason?: string | null;
}

/** Sign in, or create an account and sign in; the server's `detail` explains refusals. */
export function AuthForm({ client, onSignedIn, reason = null }: AuthFormProps) {
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signingUp = mode === 'sign-up';

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (signingUp) {
        await client.signUp({
          email: login,
          password,
          ...(displayName === '' ? {} : { displayName }),
        });
      } else {
        await client.signIn(login, password);
      }
      onSignedIn();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.detail : 'Could not reach the server.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="auth">
      <h1>PyAirtable</h1>
      <p class="tagline">Chat with your Airtable bases.</p>
      {reason !== null && (
        <p class="notice notice-signed-out" role="status">
          {reason}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} aria-describedby="auth-error">
        <h2>{signingUp ? 'Create an account' : 'Sign in'}</h2>
        <label for="auth-login">{signingUp ? 'Email' : 'Email or username'}</label>
        {signingUp ? (
          <input
            id="auth-login"
            type="email"
            autocomplete="email"
            required
            value={login}
            onInput={(event) => {
              setLogin(event.currentTarget.value);
            }}
          />
        ) : (
          <input
            id="auth-login"
            type="text"
            autocomplete="username"
            required
            value={login}
            onInput={(event) => {
              setLogin(event.currentTarget.value);
            }}
          />
        )}
        {signingUp && (
          <>
            <label for="auth-name">Display name (optional)</label>
            <input
              id="auth-name"
              autocomplete="name"
              value={displayName}
              onInput={(event) => {
                setDisplayName(event.currentTarget.value);
              }}
            />
          </>
        )}
        <label for="auth-password">Password</label>
        <input
          id="auth-password"
          type="password"
          autocomplete={signingUp ? 'new-password' : 'current-password'}
          required
          minLength={signingUp ? 12 : 1}
          aria-describedby={signingUp ? 'password-hint' : undefined}
          value={password}
          onInput={(event) => {
            setPassword(event.currentTarget.value);
          }}
        />
        {signingUp && (
          <p id="password-hint" class="hint">
            At least 12 characters.
          </p>
        )}
        <p id="auth-error" class="form-error" role="alert">
          {error}
        </p>
        <button type="submit" disabled={busy}>
          {signingUp ? 'Create account' : 'Sign in'}
        </button>
      </form>
      <button
        type="button"
        class="link-button"
        onClick={() => {
          setMode(signingUp ? 'sign-in' : 'sign-up');
          setError(null);
        }}
      >
        {signingUp ? 'I already have an account' : 'Create an account'}
      </button>
    </main>
  );
}
