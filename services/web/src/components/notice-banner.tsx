import type { Notice } from '../api/problem-notice.ts';

const TITLES: Record<Notice['kind'], string> = {
  'signed-out': 'Signed out',
  'quota-exhausted': 'Daily quota used up',
  'rate-limited': 'Slow down',
  'upstream-down': 'Service unavailable',
  offline: 'Offline',
  error: 'Something went wrong',
};

/** Props of {@link NoticeBanner}. */
export interface NoticeBannerProps {
  readonly notice: Notice;
  readonly onDismiss?: () => void;
}

/** A failure told in words the user can act on; announced to screen readers as it appears. */
export function NoticeBanner({ notice, onDismiss }: NoticeBannerProps) {
  const resets =
    notice.kind === 'quota-exhausted' && notice.resetsAt !== null
      ? ` It resets at ${new Date(notice.resetsAt).toLocaleString()}.`
      : '';
  return (
    <div class={`notice notice-${notice.kind}`} role="alert">
      <strong>{TITLES[notice.kind]}:</strong> {notice.message}
      {resets}
      {onDismiss && (
        <button type="button" class="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
