import { formatBytes } from '../format';
import { useTrainStore } from './store';

/** The open model's checkpoint in IndexedDB (each library model has its own), where a reload resumes. */
export function CheckpointList() {
  const checkpoints = useTrainStore((s) => s.checkpoints);
  return (
    <div className="checkpoints" data-testid="train-checkpoints">
      <h2>Checkpoints</h2>
      {checkpoints.length === 0 ? (
        <p className="muted">None yet: one is saved when a model is created, every 50 steps and on pause.</p>
      ) : (
        <ul>
          {checkpoints.map((c) => (
            <li key={c.key}>
              <strong>the open model's (a reload resumes here)</strong>: step {c.step}, saved{' '}
              {new Date(c.savedAt).toLocaleTimeString()}, {formatBytes(c.bytes)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
