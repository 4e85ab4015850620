import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import type { PlatformApi } from '../api/platform-api.ts';
import { noticeFor } from '../api/problem-notice.ts';
import type { Notice } from '../api/problem-notice.ts';
import { followAnswer, streamAnswer } from '../chat/answer-stream.ts';
import type { ChatMessage, ChatSession } from '../chat/chat-types.ts';
import {
  applyStreamEvent,
  PENDING_ANSWER_ID,
  restartAnswer,
  resumableAnswerId,
  withPendingExchange,
} from '../chat/transcript.ts';
import { Composer } from './composer.tsx';
import { MessageItem } from './message-item.tsx';
import { NoticeBanner } from './notice-banner.tsx';
import { SessionList } from './session-list.tsx';

/** Props of {@link ChatView}. */
export interface ChatViewProps {
  readonly client: ApiClient;
  readonly api: PlatformApi;
  readonly workspaceId: string;
  readonly sessionId: string | null;
  readonly onSelectSession: (sessionId: string | null) => void;
}

/** Sessions on the side, the conversation and the question box in the middle. */
export function ChatView({ client, api, workspaceId, sessionId, onSelectSession }: ChatViewProps) {
  const [sessions, setSessions] = useState<ChatSession[]>([]);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [answering, setAnswering] = useState(false);
  const [reconnecting, setReconnecting] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const abort = useRef<AbortController | null>(null);
  // A session created for a first question: its messages are on screen, not to be reloaded.
  const justCreated = useRef<string | null>(null);

  const report = (error: unknown) => {
    if (error instanceof ApiError) setNotice(noticeFor(error));
    else if (!(error instanceof DOMException && error.name === 'AbortError')) {
      setNotice({ kind: 'error', message: String(error) });
    }
  };

  useEffect(() => {
    api.sessions(workspaceId).then(({ sessions: list }) => {
      setSessions(list);
    }, report);
  }, [workspaceId]);

  useEffect(() => {
    if (sessionId !== null && justCreated.current === sessionId) return;
    abort.current?.abort();
    setAnswering(false);
    setMessages([]);
    if (sessionId === null) return;
    api.messages(sessionId).then(({ messages: list }) => {
      setMessages(list);
      const answerId = resumableAnswerId(list);
      if (answerId !== null) void resume(sessionId, answerId);
    }, report);
  }, [sessionId]);

  /**
   * Follows an answer still being written when its session was opened (after a reload, say),
   * replaying its stream from the start so the answer continues in view.
   */
  const resume = async (streamSession: string, answerId: string) => {
    const controller = new AbortController();
    abort.current = controller;
    setAnswering(true);
    try {
      await followAnswer({
        send: (path, init) => client.send(path, init),
        sessionId: streamSession,
        answerId,
        signal: controller.signal,
        onEvent: (event) => {
          setReconnecting(false);
          // The replay starts with message.started: only then give up what the stored answer
          // showed, so an answer whose stream cannot be read keeps it.
          setMessages((list) =>
            applyStreamEvent(
              event.type === 'message.started' ? restartAnswer(list, answerId) : list,
              answerId,
              event,
            ),
          );
        },
        onReconnecting: () => {
          setReconnecting(true);
        },
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      // The stream is gone (expired, or the answer ended meanwhile): show what was stored.
      api.messages(streamSession).then(({ messages: list }) => {
        setMessages(list);
      }, report);
      if (!(error instanceof ApiError && error.status === 404)) report(error);
    } finally {
      if (abort.current === controller) {
        setAnswering(false);
        setReconnecting(false);
      }
    }
  };

  useEffect(() => () => abort.current?.abort(), []);

  const ask = async (content: string) => {
    setNotice(null);
    let target = sessionId;
    try {
      if (target === null) {
        const session = await api.createSession(workspaceId, titleFrom(content));
        setSessions((list) => [session, ...list]);
        target = session.id;
        justCreated.current = target;
        onSelectSession(target);
      }
    } catch (error) {
      report(error);
      return;
    }
    const streamSession = target;
    const controller = new AbortController();
    abort.current = controller;
    setAnswering(true);
    setMessages((list) => withPendingExchange(list, streamSession, content));
    let answerId = PENDING_ANSWER_ID;
    try {
      await streamAnswer({
        send: (path, init) => client.send(path, init),
        sessionId: streamSession,
        content,
        signal: controller.signal,
        onEvent: (event) => {
          setReconnecting(false);
          if (event.type === 'message.started') answerId = event.answerId;
          setMessages((list) => applyStreamEvent(list, answerId, event));
        },
        onReconnecting: () => {
          setReconnecting(true);
        },
      });
    } catch (error) {
      // The question was refused (quota, rate limit): take the unanswered exchange back.
      if (error instanceof ApiError && answerId === PENDING_ANSWER_ID) {
        setMessages((list) => list.filter((message) => !message.id.startsWith('pending-')));
      }
      report(error);
    } finally {
      setAnswering(false);
      setReconnecting(false);
    }
  };

  const cancel = () => {
    if (sessionId === null) return;
    api.cancel(sessionId).catch(report);
  };

  return (
    <div class="chat">
      <SessionList
        sessions={sessions}
        activeId={sessionId}
        onSelect={onSelectSession}
        onRename={async (id, title) => {
          try {
            const renamed = await api.renameSession(id, title);
            setSessions((list) => list.map((session) => (session.id === id ? renamed : session)));
          } catch (error) {
            report(error);
          }
        }}
        onDelete={async (id) => {
          try {
            await api.deleteSession(id);
            setSessions((list) => list.filter((session) => session.id !== id));
            if (id === sessionId) onSelectSession(null);
          } catch (error) {
            report(error);
          }
        }}
      />
      <section class="conversation" aria-label="Conversation">
        {notice !== null && (
          <NoticeBanner
            notice={notice}
            onDismiss={() => {
              setNotice(null);
            }}
          />
        )}
        {reconnecting && (
          <p class="notice notice-reconnecting" role="status">
            Connection lost; reconnecting…
          </p>
        )}
        {messages.length === 0 ? (
          <p class="empty">Ask a question about this workspace’s bases to start.</p>
        ) : (
          <ol class="messages" aria-live="polite">
            {messages.map((message) => (
              <MessageItem key={message.id} message={message} />
            ))}
          </ol>
        )}
        <Composer answering={answering} onSend={(content) => void ask(content)} onCancel={cancel} />
      </section>
    </div>
  );
}

/** A session's title from its first question: its first line, cut to a readable length. */
function titleFrom(content: string): string {
  const firstLine = content.split('\n')[0]?.trim() ?? '';
  return firstLine.length > 60 ? `${firstLine.slice(0, 59)}…` : firstLine || 'New conversation';
}
