import { useState } from 'preact/hooks';
import type { ChatSession } from '../chat/chat-types.ts';

/** Props of {@link SessionList}. */
export interface SessionListProps {
  readonly sessions: readonly ChatSession[];
  readonly activeId: string | null;
  readonly onSelect: (sessionId: string | null) => void;
  readonly onRename: (sessionId: string, title: string) => Promise<void>;
  readonly onDelete: (sessionId: string) => Promise<void>;
}

/** The user's conversations in the workspace, newest first, each renamable and deletable. */
export function SessionList({
  sessions,
  activeId,
  onSelect,
  onRename,
  onDelete,
}: SessionListProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  return (
    <nav class="sessions" aria-label="Conversations">
      <button
        type="button"
        class="new-session"
        onClick={() => {
          onSelect(null);
        }}
      >
        New conversation
      </button>
      <ul>
        {sessions.map((session) => (
          <li key={session.id} class={session.id === activeId ? 'active' : ''}>
            {editing === session.id ? (
              <form
                class="rename"
                onSubmit={(event) => {
                  event.preventDefault();
                  void onRename(session.id, title.trim()).then(() => {
                    setEditing(null);
                  });
                }}
              >
                <label class="visually-hidden" for={`rename-${session.id}`}>
                  New title
                </label>
                <input
                  id={`rename-${session.id}`}
                  value={title}
                  required
                  maxLength={200}
                  onInput={(event) => {
                    setTitle(event.currentTarget.value);
                  }}
                  onKeyDown={(event) => {
                    if (event.key === 'Escape') setEditing(null);
                  }}
                />
                <button type="submit">Save</button>
              </form>
            ) : (
              <>
                <button
                  type="button"
                  class="session-title"
                  aria-current={session.id === activeId ? 'page' : undefined}
                  onClick={() => {
                    onSelect(session.id);
                  }}
                >
                  {session.title}
                </button>
                <button
                  type="button"
                  class="icon-button"
                  aria-label={`Rename ${session.title}`}
                  onClick={() => {
                    setEditing(session.id);
                    setTitle(session.title);
                  }}
                >
                  ✎
                </button>
                <button
                  type="button"
                  class="icon-button"
                  aria-label={`Delete ${session.title}`}
                  onClick={() => {
                    if (window.confirm(`Delete “${session.title}” and its messages?`)) {
                      void onDelete(session.id);
                    }
                  }}
                >
                  🗑
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
