import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/api-error.ts';
import type {
  ApiKey,
  Member,
  PlatformApi,
  UsageToday,
  WorkspaceDetail,
  WorkspaceRole,
} from '../api/platform-api.ts';
import { noticeFor } from '../api/problem-notice.ts';
import type { Notice } from '../api/problem-notice.ts';
import { loadBaseOutline } from '../dashboard/base-outline.ts';
import type { BaseOutline } from '../dashboard/base-outline.ts';
import { canManageMembers } from '../dashboard/member-editing.ts';
import { BasesSection } from './bases-section.tsx';
import { MembersSection } from './members-section.tsx';
import { NoticeBanner } from './notice-banner.tsx';
import { UsageSection } from './usage-section.tsx';

/** Props of {@link DashboardView}. */
export interface DashboardViewProps {
  readonly api: PlatformApi;
  readonly workspaceId: string;
}

/**
 * The workspace at a glance: its bases and tables, quotas and today's usage, members (editable
 * by owners), and API keys for its owners.
 */
export function DashboardView({ api, workspaceId }: DashboardViewProps) {
  const [detail, setDetail] = useState<WorkspaceDetail | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [usage, setUsage] = useState<UsageToday | 'unavailable' | null>(null);
  const [outline, setOutline] = useState<BaseOutline[] | null>(null);
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [keyName, setKeyName] = useState('');
  const [keyRole, setKeyRole] = useState<WorkspaceRole>('viewer');
  const [notice, setNotice] = useState<Notice | null>(null);
  const report = (error: unknown) => {
    setNotice(
      error instanceof ApiError ? noticeFor(error) : { kind: 'error', message: String(error) },
    );
  };

  useEffect(() => {
    api.workspace(workspaceId).then((loaded) => {
      setDetail(loaded);
      // Only owners manage keys; others would get a 403 for asking.
      if (loaded.role === 'owner') {
        api.apiKeys(workspaceId).then(({ apiKeys }) => {
          setKeys(apiKeys);
        }, report);
      }
    }, report);
    api.members(workspaceId).then(({ members: list }) => {
      setMembers(list);
    }, report);
    // Both come from other services (chat, the Airtable API): the page stands without them.
    setUsage(null);
    api.usage(workspaceId).then(setUsage, () => {
      setUsage('unavailable');
    });
    setOutline(null);
    loadBaseOutline(api, workspaceId).then(setOutline, () => {
      setOutline(null);
    });
  }, [workspaceId]);

  const createKey = async (event: Event) => {
    event.preventDefault();
    try {
      const created = await api.createApiKey(workspaceId, keyName.trim(), keyRole);
      setKeys((list) => [created.apiKey, ...(list ?? [])]);
      setSecret(created.secret);
      setKeyName('');
    } catch (error) {
      report(error);
    }
  };

  const revokeKey = async (key: ApiKey) => {
    if (!window.confirm(`Revoke the API key “${key.name}”? Clients using it stop working.`)) return;
    try {
      await api.revokeApiKey(workspaceId, key.id);
      const revokedAt = new Date().toISOString();
      setKeys((list) => (list ?? []).map((k) => (k.id === key.id ? { ...k, revokedAt } : k)));
    } catch (error) {
      report(error);
    }
  };

  return (
    <main class="dashboard">
      <h1>{detail?.displayName ?? 'Workspace'}</h1>
      {notice !== null && <NoticeBanner notice={notice} />}
      {detail !== null && (
        <>
          <p>
            Organisation <strong>{detail.tenantDisplayName}</strong>; your role:{' '}
            <span class="badge">{detail.role}</span>
          </p>
          <BasesSection allowedBaseIds={detail.allowedBaseIds} outline={outline} />
          <section aria-labelledby="quota-heading">
            <h2 id="quota-heading">Quotas</h2>
            <dl class="quotas">
              <dt>Chat questions per minute</dt>
              <dd>{detail.quotas.chatRequestsPerMinute}</dd>
              <dt>LLM tokens per day</dt>
              <dd>{detail.quotas.llmTokensPerDay.toLocaleString()}</dd>
              <dt>Airtable requests per second</dt>
              <dd>{detail.quotas.airtableRequestsPerSecond}</dd>
            </dl>
          </section>
          <UsageSection usage={usage} />
        </>
      )}
      <MembersSection
        api={api}
        workspaceId={workspaceId}
        members={members}
        editable={detail !== null && canManageMembers(detail)}
        onMembersChange={setMembers}
        onError={report}
      />
      {keys !== null && (
        <section aria-labelledby="keys-heading">
          <h2 id="keys-heading">API keys</h2>
          {secret !== null && (
            <p class="notice" role="status">
              New key (shown only now, store it safely): <code class="secret">{secret}</code>
            </p>
          )}
          <form class="inline-form" onSubmit={(event) => void createKey(event)}>
            <label for="key-name">Name</label>
            <input
              id="key-name"
              required
              maxLength={100}
              value={keyName}
              onInput={(event) => {
                setKeyName(event.currentTarget.value);
              }}
            />
            <label for="key-role">Role</label>
            <select
              id="key-role"
              value={keyRole}
              onChange={(event) => {
                setKeyRole(event.currentTarget.value as WorkspaceRole);
              }}
            >
              <option value="viewer">viewer</option>
              <option value="editor">editor</option>
              <option value="owner">owner</option>
            </select>
            <button type="submit">Create key</button>
          </form>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>{key.role}</td>
                  <td>{key.lastUsedAt === null ? 'never' : formatDate(key.lastUsedAt)}</td>
                  <td>
                    {key.revokedAt === null ? (
                      <button
                        type="button"
                        class="danger"
                        onClick={() => void revokeKey(key)}
                      >{`Revoke ${key.name}`}</button>
                    ) : (
                      `revoked ${formatDate(key.revokedAt)}`
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}

function formatDate(iso: string): string {
  return new Date(iso).toLocaleString();
}
