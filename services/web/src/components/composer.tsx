import { useState } from 'preact/hooks';

/** Props of {@link Composer}. */
export interface ComposerProps {
  readonly answering: boolean;
  readonly onSend: (content: string) => void;
  readonly onCancel: () => void;
}

/** The question box: Enter sends, Shift+Enter adds a line; Stop replaces Send while answering. */
export function Composer({ answering, onSend, onCancel }: ComposerProps) {
  const [content, setContent] = useState('');
  const send = () => {
    const question = content.trim();
    if (question === '' || answering) return;
    onSend(question);
    setContent('');
  };
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for="composer-input" class="visually-hidden">
        Your question
      </label>
      <textarea
        id="composer-input"
        rows={2}
        maxLength={20000}
        placeholder="Ask about your bases, e.g. “how many deals are won?”"
        value={content}
        onInput={(event) => {
          setContent(event.currentTarget.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            send();
          }
        }}
      />
      {answering ? (
        <button type="button" class="danger" onClick={onCancel}>
          Stop
        </button>
      ) : (
        <button type="submit" disabled={content.trim() === ''}>
          Send
        </button>
      )}
    </form>
  );
}
