import { MODEL_NAMES } from '../format';
import { useTrainStore } from './store';

/** Asks before the current model (its training steps) is replaced: nothing is discarded without asking. */
export function ConfirmReplace({ by, onReplace, onKeep, testId }: { by: string; onReplace: () => void; onKeep: () => void; testId: string }) {
  const model = useTrainStore((s) => s.model);
  if (!model) return null;
  return (
    <div className="confirm-replace" role="alertdialog" aria-labelledby={`${testId}-text`} data-testid={testId}>
      <p id={`${testId}-text`}>
        This replaces your {MODEL_NAMES[model.config.kind]} model at step {model.step} with {by}. Export it first (Export panel) to keep it.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={onReplace} data-testid={`${testId}-replace`}>
          Replace it
        </button>
        <button type="button" className="button button--quiet" onClick={onKeep} data-testid={`${testId}-keep`}>
          Keep my model
        </button>
      </div>
    </div>
  );
}
