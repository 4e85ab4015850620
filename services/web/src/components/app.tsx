import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import { platformApi } from '../api/platform-api.ts';
import type { Me } from '../api/platform-api.ts';
import { noticeFor } from '../api/problem-notice.ts';
import type { Notice } from '../api/problem-notice.ts';
import { TokenStore } from '../api/token-store.ts';
import { parseRoute, routePath } from '../route.ts';
import type { Route } from '../route.ts';
import { AuthForm } from './auth-form.tsx';
import { ChatView } from './chat-view.tsx';
import { DashboardView } from './dashboard-view.tsx';
import { NoticeBanner } from './notice-banner.tsx';
import { WorkspacePicker } from './workspace-picker.tsx';

/** The app: signed out, it shows the sign-in form; signed in, the workspace it is routed to. */
export function App() {
  const [signedOutReason, setSignedOutReason] = useState<string | null>(null);
  const client = useMemo(
    () =>
      new ApiClient({
        fetch: (input, init) => fetch(input, init),
        tokens: new TokenStore(window.sessionStorage),
        onSignedOut: () => {
          setMe(null);
          setSignedIn(false);
          setSignedOutReason('Your session has ended. Please sign in again.');
        },
      }),
    [],
  );
  const api = useMemo(() => platformApi(client), [client]);
  const [signedIn, setSignedIn] = useState(client.hasSession);
  const [me, setMe] = useState<Me | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.pathname));

  const navigate = (next: Route) => {
    window.history.pushState(null, '', routePath(next));
    setRoute(next);
  };

  useEffect(() => {
    const onPopState = () => {
      setRoute(parseRoute(window.location.pathname));
    };
    window.addEventListener('popstate', onPopState);
    return () => {
      window.removeEventListener('popstate', onPopState);
    };
  }, []);

  useEffect(() => {
    if (!signedIn) return;
    api.me().then(
      (loaded) => {
        setMe(loaded);
        setNotice(null);
        // One workspace: no choice to make.
        const only = loaded.workspaces.length === 1 ? loaded.workspaces[0] : undefined;
        if (only !== undefined && parseRoute(window.location.pathname).view === 'home') {
          navigate({ view: 'chat', workspaceId: only.id, sessionId: null });
        }
      },
      (error: unknown) => {
        if (error instanceof ApiError) setNotice(noticeFor(error));
      },
    );
  }, [signedIn]);

  if (!signedIn) {
    return (
      <AuthForm
        client={client}
        reason={signedOutReason}
        onSignedIn={() => {
          setSignedOutReason(null);
          setSignedIn(true);
        }}
      />
    );
  }
  if (me === null) {
    return (
      <main class="loading">
        {notice === null ? <p role="status">Loading…</p> : <NoticeBanner notice={notice} />}
      </main>
    );
  }
  const workspace =
    route.view === 'home' ? undefined : me.workspaces.find((w) => w.id === route.workspaceId);
  return (
    <div class="shell">
      <a class="skip-link" href="#content">
        Skip to content
      </a>
      <header class="top-bar">
        <a
          href="/"
          class="brand"
          onClick={(event) => {
            event.preventDefault();
            navigate({ view: 'home' });
          }}
        >
          PyAirtable
        </a>
        {workspace !== undefined && (
          <nav aria-label="Workspace">
            <span class="workspace-name">{workspace.displayName}</span>
            <a
              href={routePath({ view: 'chat', workspaceId: workspace.id, sessionId: null })}
              aria-current={route.view === 'chat' ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate({ view: 'chat', workspaceId: workspace.id, sessionId: null });
              }}
            >
              Chat
            </a>
            <a
              href={routePath({ view: 'dashboard', workspaceId: workspace.id })}
              aria-current={route.view === 'dashboard' ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate({ view: 'dashboard', workspaceId: workspace.id });
              }}
            >
              Dashboard
            </a>
          </nav>
        )}
        <span class="user">{me.user.displayName}</span>
        <button
          type="button"
          class="link-button"
          onClick={() => {
            void client.signOut().then(() => {
              setMe(null);
              setSignedIn(false);
            });
          }}
        >
          Sign out
        </button>
      </header>
      <div id="content">
        {workspace === undefined || route.view === 'home' ? (
          <WorkspacePicker
            me={me}
            onPick={(workspaceId) => {
              navigate({ view: 'chat', workspaceId, sessionId: null });
            }}
          />
        ) : route.view === 'dashboard' ? (
          <DashboardView api={api} workspaceId={workspace.id} />
        ) : (
          <ChatView
            client={client}
            api={api}
            workspaceId={workspace.id}
            sessionId={route.sessionId}
            onSelectSession={(sessionId) => {
              navigate({ view: 'chat', workspaceId: workspace.id, sessionId });
            }}
          />
        )}
      </div>
    </div>
  );
}
