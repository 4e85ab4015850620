import type { Me } from '../api/platform-api.ts';

/** Props of {@link WorkspacePicker}. */
export interface WorkspacePickerProps {
  readonly me: Me;
  readonly onPick: (workspaceId: string) => void;
}

/** The workspaces the user is a member of, with their role in each. */
export function WorkspacePicker({ me, onPick }: WorkspacePickerProps) {
  return (
    <main class="picker">
      <h1>Choose a workspace</h1>
      {me.workspaces.length === 0 ? (
        <p>
          You are not a member of any workspace yet. Ask a workspace owner to add{' '}
          <strong>{me.user.email}</strong>.
        </p>
      ) : (
        <ul class="card-list">
          {me.workspaces.map((workspace) => (
            <li key={workspace.id}>
              <button
                type="button"
                class="card-button"
                onClick={() => {
                  onPick(workspace.id);
                }}
              >
                <span class="card-title">{workspace.displayName}</span>
                <span class="badge">{workspace.role}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
