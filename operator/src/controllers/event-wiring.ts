import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import type { Tenant, Workspace } from '../api/v1alpha1/index.ts';
import { keyOf } from '../runtime/index.ts';
import type { Controller, Informer } from '../runtime/index.ts';
import { workspacesOf } from './controller-context.ts';
import type { ControllerContext } from './controller-context.ts';

/** The informers and controllers the operator connects. */
export interface Wiring {
  readonly context: ControllerContext;
  readonly secrets: Informer<V1Secret>;
  readonly tenantController: Controller;
  readonly workspaceController: Controller;
}

/**
 * Which keys each change queues: a Tenant queues itself and its Workspaces (one waiting for
 * it becomes Ready by itself); a Workspace queues itself and its Tenant (whose status counts
 * Workspaces); a labelled Secret queues the Tenants that reference it (a rotated token is
 * checked at once).
 */
export function wireEvents(wiring: Wiring): void {
  const { context, tenantController, workspaceController } = wiring;
  context.tenantCache.onEvent((tenant: Tenant, event) => {
    tenantController.enqueue(keyOf(tenant));
    if (event === 'resync') return;
    for (const workspace of workspacesOf(
      context,
      namespaceOf(tenant),
      tenant.metadata.name ?? '',
    )) {
      workspaceController.enqueue(keyOf(workspace));
    }
  });
  context.workspaceCache.onEvent((workspace: Workspace, event) => {
    workspaceController.enqueue(keyOf(workspace));
    if (event !== 'resync') {
      tenantController.enqueue(`${namespaceOf(workspace)}/${workspace.spec.tenantRef.name}`);
    }
  });
  wiring.secrets.onEvent((secret) => {
    const name = secret.metadata?.name;
    for (const tenant of context.tenantCache.list(namespaceOf(secret))) {
      if (tenant.spec.airtable.tokenSecretRef.name === name)
        tenantController.enqueue(keyOf(tenant));
    }
  });
}

function namespaceOf(object: KubernetesObject): string {
  return object.metadata?.namespace ?? '';
}
