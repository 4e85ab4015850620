import type { BaseSummary } from '@pyairtable/airtable-access';
import type { AirtableChecks, CheckOutcome } from '../platform/airtable-checks.ts';

/** Which of a Workspace's bases the tenant's token can reach. */
export interface BaseAccess {
  readonly found: readonly { readonly id: string; readonly name: string }[];
  readonly missing: readonly string[];
}

interface Remembered {
  readonly fingerprint: string;
  readonly at: number;
  readonly outcome: CheckOutcome<BaseAccess>;
}

/**
 * Checks bases against Airtable's list for the tenant's token, remembering each Workspace's
 * answer until its bases or the tenant's credential change, or `recheckAfterMs` passes:
 * a resync of a thousand Workspaces must not become a thousand Airtable calls.
 */
export function createBaseAccessChecker(airtable: AirtableChecks, recheckAfterMs: number) {
  const remembered = new Map<string, Remembered>();
  return {
    async check(options: {
      readonly workspaceUid: string;
      readonly bases: readonly string[];
      readonly token: string;
      readonly credentialVersion: number;
    }): Promise<CheckOutcome<BaseAccess>> {
      const fingerprint = `${String(options.credentialVersion)}|${[...options.bases].sort().join(',')}`;
      const previous = remembered.get(options.workspaceUid);
      if (
        previous?.fingerprint === fingerprint &&
        previous.outcome.kind === 'ok' &&
        Date.now() - previous.at < recheckAfterMs
      ) {
        return previous.outcome;
      }
      const listed = await airtable.listBases(options.token);
      const outcome: CheckOutcome<BaseAccess> =
        listed.kind === 'ok'
          ? { kind: 'ok', result: compare(options.bases, listed.result) }
          : listed;
      remembered.set(options.workspaceUid, { fingerprint, at: Date.now(), outcome });
      return outcome;
    },
    forget(workspaceUid: string) {
      remembered.delete(workspaceUid);
    },
  };
}

/** A base access checker (see {@link createBaseAccessChecker}). */
export type BaseAccessChecker = ReturnType<typeof createBaseAccessChecker>;

function compare(wanted: readonly string[], listed: readonly BaseSummary[]): BaseAccess {
  const names = new Map(listed.map((base) => [base.id, base.name]));
  return {
    found: wanted.flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [{ id, name }];
    }),
    missing: wanted.filter((id) => !names.has(id)),
  };
}
