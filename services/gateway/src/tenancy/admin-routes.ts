import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayContext } from '../gateway-context.ts';
import { adminSigningKeyRoutes } from './admin-signing-key-routes.ts';
import { adminTenantRoutes } from './admin-tenant-routes.ts';
import { adminUserRoutes } from './admin-user-routes.ts';
import { adminWorkspaceRoutes } from './admin-workspace-routes.ts';

/**
 * The admin API under `/api/admin`, platform admins only: it writes the registry (tenants,
 * their Airtable tokens, workspaces, members, users) and rotates the signing key when no Kubernetes operator does. Every
 * write is audited as `admin.change`. Register with `app.register(adminRoutes, context)`.
 */
export function adminRoutes(app: ServiceApp, context: GatewayContext): void {
  // A hook on this plugin rather than an option per route, so no route can be left open.
  app.addHook('preHandler', (request) => app.requireAdmin(request));
  adminTenantRoutes(app, context);
  adminWorkspaceRoutes(app, context);
  adminUserRoutes(app, context);
  adminSigningKeyRoutes(app, context);
}
