import { useId } from 'react';
import { TRAINING_BACKENDS, type TrainingBackend } from '../../ml/types';
import { useTrainStore } from './store';

const NAMES: Readonly<Record<TrainingBackend, string>> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU' };

/** The tfjs backend training runs on: chosen at start by a measured trial, and the researcher's to change. */
export function BackendPicker() {
  const { backend, moveToBackend, phase, busy } = useTrainStore();
  const id = useId();
  if (!backend) return <span className="badge">starting the worker…</span>;
  const trials = Object.entries(backend.trials).map(([name, ms]) => `${name}: ${ms.toFixed(0)} ms per trial step`);
  return (
    <span className="backend-picker" title={[...trials, ...backend.notices].join('\n')}>
      <label htmlFor={id}>Backend</label>
      <select id={id} value={backend.backend} disabled={phase === 'running' || busy}
        onChange={(e) => void moveToBackend(e.currentTarget.value as TrainingBackend)} data-testid="train-backend">
        {TRAINING_BACKENDS.map((b) => (
          <option key={b} value={b}>
            {NAMES[b]}
          </option>
        ))}
      </select>
    </span>
  );
}
