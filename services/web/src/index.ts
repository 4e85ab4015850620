/**
 * The web app's Node-side surface: build it and find where it was built. The browser code
 * itself starts at `main.tsx` and is only ever bundled, never imported.
 */
export { buildWebApp, WEB_DIST_DIR } from './bundling/web-app-build.ts';
export type { WebAppBuild } from './bundling/web-app-build.ts';
