import { useId, useState } from 'react';
import { type HyperValue, type Network, NETWORKS } from '../../ml/hyper';
import { type HyperRange, hyperRange } from '../../ml/hyper-ranges';
import { presetHyper } from '../../ml/presets';
import { MODEL_KINDS, type ModelKind, type Preset, PRESETS } from '../../ml/types';
import { MODEL_NAMES } from '../format';
import { ConfirmReplace } from './ConfirmReplace';
import { useTrainStore } from './store';

/** Honest labels: small is what a researcher trains; tiny exists for the test suite; paper is the paper's size. */
const PRESET_NOTES: Readonly<Record<Preset, string>> = {
  tiny: 'tiny (tests only)',
  small: 'small (recommended)',
  paper: "paper (the paper's size, Appendix B: a large GPU)",
};

/** A number input that reports only finite values. */
function NumberField({ label, value, onChange, step, min }: { label: string; value: number; onChange: (v: number) => void; step?: number; min?: number }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        value={value}
        step={step ?? 'any'}
        min={min}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (Number.isFinite(v)) onChange(v);
        }}
      />
    </div>
  );
}

/** One hyper-parameter, drawn as its range says: a select for a choice, a checkbox for a flag, else a number. */
function HyperField({ name, range, value, onChange }: { name: string; range: HyperRange; value: HyperValue; onChange: (v: HyperValue) => void }) {
  const id = useId();
  if (range.type === 'number') return <NumberField label={name} value={Number(value)} onChange={onChange} />;
  return (
    <div className="field">
      <label htmlFor={id}>{name}</label>
      {range.type === 'choice' ? (
        <select id={id} value={String(value)} onChange={(e) => onChange(e.currentTarget.value)}>
          {range.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />
      )}
    </div>
  );
}

/** Model family, preset, seed, batch size, the preset's hyper-parameters and the number of steps. */
export function ModelForm() {
  const { settings, configure, createModel, phase, busy, model } = useTrainStore();
  // A diffusion model's fields are its network's: another network than the preset's brings its own defaults.
  const network = NETWORKS.find((n): n is Network => n === settings.hyper.network);
  const defaults: Readonly<Record<string, HyperValue | undefined>> = presetHyper(settings.kind, settings.preset, network);
  const kindId = useId();
  const presetId = useId();
  const running = phase === 'running';
  const [confirming, setConfirming] = useState(false);
  return (
    <form
      className="model-form"
      aria-label="Model"
      onSubmit={(e) => {
        e.preventDefault();
        if (model) setConfirming(true);
        else void createModel();
      }}
    >
      <div className="field">
        <label htmlFor={kindId}>Model</label>
        <select id={kindId} value={settings.kind} onChange={(e) => void configure({ kind: e.currentTarget.value as ModelKind })} data-testid="train-kind">
          {MODEL_KINDS.map((k) => (
            <option key={k} value={k}>
              {MODEL_NAMES[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={presetId}>Preset</label>
        <select id={presetId} value={settings.preset} onChange={(e) => void configure({ preset: e.currentTarget.value as Preset })} data-testid="train-preset">
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {PRESET_NOTES[p]}
            </option>
          ))}
        </select>
      </div>
      <NumberField label="Seed" value={settings.seed} step={1} onChange={(seed) => void configure({ seed })} />
      <NumberField label="Batch size" value={settings.batchSize} step={1} min={1} onChange={(batchSize) => void configure({ batchSize })} />
      <fieldset className="hyper">
        <legend>Hyper-parameters</legend>
        {Object.entries(defaults).map(([name, preset]) => (
          <HyperField
            key={name}
            name={name}
            range={hyperRange(settings.kind, name)!}
            value={(settings.hyper as Readonly<Record<string, HyperValue | undefined>>)[name] ?? preset!}
            // Another network has other fields: the overrides of this one do not carry over.
            onChange={(v) => void configure({ hyper: name === 'network' ? { network: v } : { ...settings.hyper, [name]: v } })}
          />
        ))}
      </fieldset>
      <NumberField label="Train to step" value={settings.totalSteps} step={1} min={1} onChange={(totalSteps) => void configure({ totalSteps })} />
      <button type="submit" className="button" disabled={busy || running} data-testid="train-create">
        {model ? 'Replace the model with a new one' : 'Create the model'}
      </button>
      {confirming && (
        <ConfirmReplace
          by={`a new ${MODEL_NAMES[settings.kind]} model`}
          testId="train-create-confirm"
          onReplace={() => {
            setConfirming(false);
            void createModel();
          }}
          onKeep={() => setConfirming(false)}
        />
      )}
    </form>
  );
}
