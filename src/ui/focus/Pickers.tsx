import { useId } from 'react';
import { useGenerateStore } from '../generate/store';
import { useViewStore } from '../view';
import { useFocusedCrystal, useFocusedSample } from './focus';
import './pickers.css';
import { formulaText } from '../formula-text';

/** Steps through the real crystals: previous, next, or a number. */
export function CrystalPicker() {
  const { crystal, index, count } = useFocusedCrystal();
  const focusCrystal = useViewStore((s) => s.focusCrystal);
  const id = useId();
  if (!crystal) return <p className="muted">No crystals yet: load some in the Data panel.</p>;
  return (
    <div className="picker" role="group" aria-label="Real crystal" data-testid="crystal-picker">
      <span className="picker__kind">Real</span>
      <button type="button" className="button button--quiet" onClick={() => focusCrystal(index - 1)} disabled={index === 0} aria-label="Previous crystal">
        ‹
      </button>
      <label htmlFor={id} className="visually-hidden">Crystal number</label>
      <input id={id} type="number" min={1} max={count} value={index + 1}
        onChange={(e) => {
          const n = e.currentTarget.valueAsNumber;
          if (Number.isInteger(n) && n >= 1 && n <= count) focusCrystal(n - 1);
        }} />
      <span className="muted">of {count}</span>
      <button type="button" className="button button--quiet" onClick={() => focusCrystal(index + 1)} disabled={index >= count - 1} aria-label="Next crystal">
        ›
      </button>
      <span className="picker__name" title={crystal.source}>
        {formulaText(crystal)} <span className="muted">{crystal.source}</span>
      </span>
    </div>
  );
}

/** Steps through the samples of a run. */
export function SamplePicker() {
  const focused = useFocusedSample();
  const runs = useGenerateStore((s) => s.runs);
  const focusSample = useViewStore((s) => s.focusSample);
  const ids = { run: useId(), index: useId() };
  if (!focused) return <p className="muted">No generated crystals yet: train a model and generate some.</p>;
  const { run, index, decoded } = focused;
  const count = run.tensors.length;
  return (
    <div className="picker" role="group" aria-label="Generated sample" data-testid="sample-picker">
      <span className="picker__kind">Generated</span>
      <label htmlFor={ids.run} className="visually-hidden">Run</label>
      <select id={ids.run} value={run.id} onChange={(e) => focusSample(e.currentTarget.value, 0)}>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>{r.label}</option>
        ))}
      </select>
      <button type="button" className="button button--quiet" onClick={() => focusSample(run.id, index - 1)} disabled={index === 0} aria-label="Previous sample">
        ‹
      </button>
      <label htmlFor={ids.index} className="visually-hidden">Sample number</label>
      <input id={ids.index} type="number" min={1} max={count} value={index + 1}
        onChange={(e) => {
          const n = e.currentTarget.valueAsNumber;
          if (Number.isInteger(n) && n >= 1 && n <= count) focusSample(run.id, n - 1);
        }} />
      <span className="muted">of {count}</span>
      <button type="button" className="button button--quiet" onClick={() => focusSample(run.id, index + 1)} disabled={index >= count - 1} aria-label="Next sample">
        ›
      </button>
      <span className="picker__name">{decoded?.ok ? formulaText(decoded.crystal) : decoded ? `no crystal: ${decoded.reason}` : 'decoding…'}</span>
    </div>
  );
}
