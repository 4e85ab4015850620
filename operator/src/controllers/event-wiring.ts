import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import type { Tenant, Workspace } from '../api/v1alpha1/index.ts';
import { keyOf } from '../runtime/index.ts';
import type { Controller, Informer, InformerEvent } from '../runtime/index.ts';
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
  const tenantChanged = createChangeFilter();
  const workspaceChanged = createChangeFilter();
  context.tenantCache.onEvent((tenant: Tenant, event) => {
    if (tenantChanged(tenant, event)) tenantController.enqueue(keyOf(tenant));
    if (event === 'resync') return;
    // Workspaces wait on their Tenant's status (a valid token), so every change counts.
    for (const workspace of workspacesOf(
      context,
      namespaceOf(tenant),
      tenant.metadata.name ?? '',
    )) {
      workspaceController.enqueue(keyOf(workspace));
    }
  });
  context.workspaceCache.onEvent((workspace: Workspace, event) => {
    if (workspaceChanged(workspace, event)) workspaceController.enqueue(keyOf(workspace));
    // The Tenant counts its Workspaces: only arrivals and departures change the count.
    if (event === 'add' || event === 'delete') {
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

/**
 * Whether an event should reconcile its object: adds, deletes and resyncs always; updates
 * only when the spec (generation) or the deletion mark changed. The controller's own status
 * and finalizer patches come back as updates too, and reconciling each again would double
 * the work (a Secret read, registry reads and rate-limit tokens per object).
 */
function createChangeFilter(): (object: KubernetesObject, event: InformerEvent) => boolean {
  const seen = new Map<string, string>();
  return (object, event) => {
    const uid = object.metadata?.uid ?? keyOf(object);
    if (event === 'delete') {
      seen.delete(uid);
      return true;
    }
    const fingerprint = `${String(object.metadata?.generation)}|${String(object.metadata?.deletionTimestamp?.valueOf())}`;
    const previous = seen.get(uid);
    seen.set(uid, fingerprint);
    return event !== 'update' || previous !== fingerprint;
  };
}

function namespaceOf(object: KubernetesObject): string {
  return object.metadata?.namespace ?? '';
}
