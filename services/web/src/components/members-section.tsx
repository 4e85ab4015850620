import type { Member, PlatformApi, WorkspaceRole } from '../api/platform-api.ts';
import { isLastOwner, withMember } from '../dashboard/member-editing.ts';

/** Props of {@link MembersSection}. */
export interface MembersSectionProps {
  readonly api: PlatformApi;
  readonly workspaceId: string;
  readonly members: readonly Member[];
  /** Owners of a workspace the operator does not manage may change roles and remove members. */
  readonly editable: boolean;
  readonly onMembersChange: (members: Member[]) => void;
  readonly onError: (error: unknown) => void;
}

const ROLES: readonly WorkspaceRole[] = ['viewer', 'editor', 'owner'];

/** The members of the workspace, with role changes and removal for its owners. */
export function MembersSection(props: MembersSectionProps) {
  const { api, workspaceId, members, editable, onMembersChange, onError } = props;

  const changeRole = async (member: Member, role: WorkspaceRole) => {
    try {
      onMembersChange(
        withMember(members, await api.setMemberRole(workspaceId, member.email, role)),
      );
    } catch (error) {
      // The select shows the new role already: put the list back as it was.
      onMembersChange([...members]);
      onError(error);
    }
  };

  const remove = async (member: Member) => {
    if (!window.confirm(`Remove ${member.email} from this workspace?`)) return;
    try {
      await api.removeMember(workspaceId, member.email);
      onMembersChange(members.filter((m) => m.email !== member.email));
    } catch (error) {
      onError(error);
    }
  };

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Signed up</th>
            {editable && <th scope="col">Manage</th>}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.email}>
              <td>{member.email}</td>
              <td>{member.role}</td>
              <td>{member.userId === null ? 'not yet' : 'yes'}</td>
              {editable && (
                <td class="member-actions">
                  <select
                    aria-label={`Change access of ${member.email}`}
                    value={member.role}
                    disabled={isLastOwner(members, member)}
                    onChange={(event) => {
                      void changeRole(member, event.currentTarget.value as WorkspaceRole);
                    }}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>{' '}
                  <button
                    type="button"
                    class="danger"
                    aria-label={`Remove ${member.email}`}
                    disabled={isLastOwner(members, member)}
                    onClick={() => void remove(member)}
                  >
                    Remove
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {editable && members.some((member) => isLastOwner(members, member)) && (
        <p class="muted">The only owner cannot be demoted or removed.</p>
      )}
    </section>
  );
}
