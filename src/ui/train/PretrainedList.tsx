import { formatBytes, formatCount, MODEL_NAMES } from '../format';
import { metricsLine } from './pretrained-view';
import { useTrainStore } from './store';

/**
 * "Start from a pretrained model": the models the studio ships, each ready to generate from or to fine-tune.
 * Choosing one adds it to the model library and opens it; the model open before stays in the library.
 */
export function PretrainedList() {
  const { pretrained, busy, phase, loadingPretrained, startFromPretrained } = useTrainStore();
  return (
    <section className="pretrained" aria-labelledby="pretrained-title" data-testid="pretrained">
      <h2 id="pretrained-title">Start from a pretrained model</h2>
      {!pretrained ? (
        <p className="muted">Listing the models this studio ships…</p>
      ) : pretrained.error ? (
        <p className="failure" data-testid="pretrained-error">The pretrained models could not be listed: {pretrained.error}</p>
      ) : pretrained.models.length === 0 ? (
        <p className="muted" data-testid="pretrained-none">
          None ship with this build yet (public/models/index.json lists none). Create a model below.
        </p>
      ) : (
        <ul className="pretrained__list">
          {pretrained.models.map((m) => (
            <li key={m.id} data-testid={`pretrained-${m.id}`}>
              <div>
                <strong>
                  {MODEL_NAMES[m.kind]} on {m.dataset}
                </strong>{' '}
                <span className="muted">
                  {m.preset} preset, {formatCount(m.parameters)} parameters, {formatBytes(m.bytes)}, {formatCount(m.steps)} steps
                </span>
                <br />
                <span className="pretrained__metrics">{metricsLine(m.metrics)}</span>
                <details>
                  <summary>Recipe</summary>
                  <code>{m.recipe}</code>
                  {m.trainedOn && <p className="muted">{m.trainedOn}</p>}
                </details>
              </div>
              <button
                type="button"
                className="button button--quiet"
                disabled={busy || phase === 'running'}
                onClick={() => void startFromPretrained(m)}
                data-testid={`pretrained-use-${m.id}`}
              >
                {loadingPretrained === m.id ? 'Loading…' : 'Use this model'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
