import type { ReactNode } from 'react';

/**
 * A question asked in place before something is discarded: what goes and what stays, then the action or "Keep
 * it". Test ids: `${testId}-confirm`, `${testId}-yes`, `${testId}-keep`.
 */
export function InlineConfirm({ title, action, onConfirm, onKeep, testId, children }: { title: string; action: string; onConfirm: () => void; onKeep: () => void; testId: string; children: ReactNode }) {
  return (
    <div className="inline-confirm" role="alertdialog" aria-label={title} data-testid={`${testId}-confirm`}>
      <p>{children}</p>
      <div className="button-row">
        <button type="button" className="button" onClick={onConfirm} data-testid={`${testId}-yes`}>
          {action}
        </button>
        <button type="button" className="button button--quiet" onClick={onKeep} data-testid={`${testId}-keep`}>
          Keep it
        </button>
      </div>
    </div>
  );
}
