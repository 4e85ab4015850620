import type { ToolCall } from '../chat/chat-types.ts';

/** Props of {@link ToolCallCard}. */
export interface ToolCallCardProps {
  readonly call: ToolCall;
}

const OUTCOME_LABELS = {
  ok: 'succeeded',
  error: 'failed',
  timeout: 'timed out',
  refused: 'refused',
} as const;

/**
 * One tool call, collapsed to a line (name, outcome, duration) that opens onto its arguments
 * and the start of its result:
 * `<details>` gives keyboard and screen-reader support for free.
 */
export function ToolCallCard({ call }: ToolCallCardProps) {
  const outcome = call.outcome === null ? 'running…' : OUTCOME_LABELS[call.outcome];
  const duration = call.durationMs === null ? '' : ` in ${formatDuration(call.durationMs)}`;
  return (
    <details class={`tool-call tool-${call.outcome ?? 'running'}`}>
      <summary>
        <code>{call.name}</code> <span class="tool-outcome">{outcome + duration}</span>
      </summary>
      <pre class="tool-arguments">{JSON.stringify(call.arguments, null, 2)}</pre>
      {(call.preview ?? '') !== '' && (
        <>
          <p class="tool-result-label">Result</p>
          <pre class="tool-result">{call.preview}</pre>
        </>
      )}
    </details>
  );
}

function formatDuration(milliseconds: number): string {
  return milliseconds < 1000
    ? `${String(milliseconds)} ms`
    : `${(milliseconds / 1000).toFixed(1)} s`;
}
