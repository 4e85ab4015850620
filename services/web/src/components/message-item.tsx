import { isOfflinePlannerAnswer } from '../api/problem-notice.ts';
import type { ChatMessage } from '../chat/chat-types.ts';
import { renderMarkdown } from '../chat/markdown.ts';
import { ToolCallCard } from './tool-call-card.tsx';

/** Props of {@link MessageItem}. */
export interface MessageItemProps {
  readonly message: ChatMessage;
}

/** A question as typed, or an answer rendered from Markdown with its tool calls. */
export function MessageItem({ message }: MessageItemProps) {
  if (message.role === 'user') {
    return (
      <li class="message message-user">
        <span class="visually-hidden">You asked:</span>
        <p>{message.content}</p>
      </li>
    );
  }
  const offline = isOfflinePlannerAnswer(message.content);
  return (
    <li class="message message-assistant" aria-busy={message.status === 'streaming'}>
      <span class="visually-hidden">Answer:</span>
      {offline && (
        <p class="badge badge-offline">Offline planner: no language model is configured</p>
      )}
      {message.toolCalls.map((call) => (
        <ToolCallCard key={call.id} call={call} />
      ))}
      {/* renderMarkdown escapes raw HTML, so the answer cannot inject markup. */}
      <div class="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(message.content) }} />
      {message.status === 'streaming' && message.content === '' && (
        <p class="thinking">Thinking…</p>
      )}
      {message.status === 'cancelled' && <p class="message-status">Stopped.</p>}
      {message.status === 'failed' && (
        <p class="message-status message-failed">{message.error ?? 'The answer failed.'}</p>
      )}
    </li>
  );
}
