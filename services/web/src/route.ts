/** Where the app is, kept in the URL so reloads and shared links land in the same place. */
export type Route =
  | { readonly view: 'home' }
  | { readonly view: 'chat'; readonly workspaceId: string; readonly sessionId: string | null }
  | { readonly view: 'dashboard'; readonly workspaceId: string };

/** Reads a path such as `/w/wsp_1/chat/ses_2` or `/w/wsp_1/dashboard`. */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [scope, workspaceId, view, sessionId] = parts;
  if (scope !== 'w' || workspaceId === undefined) return { view: 'home' };
  if (view === 'dashboard') return { view: 'dashboard', workspaceId };
  return { view: 'chat', workspaceId, sessionId: view === 'chat' ? (sessionId ?? null) : null };
}

/** The path of a route. */
export function routePath(route: Route): string {
  if (route.view === 'home') return '/';
  const workspace = `/w/${encodeURIComponent(route.workspaceId)}`;
  if (route.view === 'dashboard') return `${workspace}/dashboard`;
  return route.sessionId === null
    ? `${workspace}/chat`
    : `${workspace}/chat/${encodeURIComponent(route.sessionId)}`;
}
