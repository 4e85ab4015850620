/**
 * Tenancy over HTTP: the signed-in user's workspaces, members and API keys, and the admin
 * API that writes the registry without Kubernetes.
 */
export { adminRoutes } from './admin-routes.ts';
export { workspaceRoutes } from './workspace-routes.ts';
