import type { UsageToday } from '../api/platform-api.ts';
import { usageSummary } from '../dashboard/usage-summary.ts';

/** Props of {@link UsageSection}. */
export interface UsageSectionProps {
  /** null while loading, `unavailable` when chat could not say. */
  readonly usage: UsageToday | 'unavailable' | null;
}

/** The organisation's LLM tokens today against its daily quota, and when the count resets. */
export function UsageSection({ usage }: UsageSectionProps) {
  return (
    <section aria-labelledby="usage-heading">
      <h2 id="usage-heading">Usage today</h2>
      {usage === null && <p>Loading…</p>}
      {usage === 'unavailable' && <p>Today’s usage cannot be read right now.</p>}
      {usage !== null && usage !== 'unavailable' && <UsageMeter usage={usage} />}
    </section>
  );
}

function UsageMeter({ usage }: { readonly usage: UsageToday }) {
  const summary = usageSummary(usage);
  return (
    <>
      <label for="tokens-used">LLM tokens used today</label>
      <progress
        id="tokens-used"
        class="usage-bar"
        max={summary.max}
        value={summary.value}
        aria-valuetext={`${String(summary.percent)}%: ${summary.text}`}
      >
        {summary.percent}%
      </progress>
      <p>
        {summary.text} ({summary.percent}%). Resets at{' '}
        <time dateTime={usage.tokens.resetsAt}>
          {new Date(usage.tokens.resetsAt).toLocaleString()}
        </time>
        .
      </p>
      <p>
        {usage.requests.today.toLocaleString()} questions asked today; at most{' '}
        {usage.chatRequestsPerMinute.limit.toLocaleString()} a minute in this workspace.
      </p>
      {summary.exhausted && (
        <p class="notice" role="status">
          The daily token quota is used up: questions are refused until it resets.
        </p>
      )}
    </>
  );
}
