import { defineErrors } from '@pyairtable/kit';

/** Errors of the workspace and admin APIs beyond the gateway's shared ones. */
export const tenancyErrors = defineErrors({
  GW_LAST_OWNER: {
    status: 409,
    title: 'Last owner',
    detail: (params: { workspaceId: string; email: string }) =>
      `${params.email} is the last owner of workspace ${params.workspaceId}: make another member owner first, or the workspace could no longer be managed.`,
  },
  GW_SELF_LOCKOUT: {
    status: 409,
    title: 'Would lock you out',
    detail: (params: { change: string }) =>
      `You cannot ${params.change} your own account: ask another platform admin to do it.`,
  },
});
