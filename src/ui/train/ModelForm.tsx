import { useId, useState } from 'react';
import type { HyperValue } from '../../ml/hyper';
import { MODEL_KINDS, type ModelKind, type Preset, PRESETS } from '../../ml/types';
import { MODEL_NAMES } from '../format';
import { ConfirmReplace } from './ConfirmReplace';
import { formRefusal, type HyperField, hyperFields, settingFieldProblem, withField } from './hyper-form';
import { CHOICE_LABELS, hyperLabel } from './hyper-labels';
import { useTrainStore } from './store';

/** Honest labels: small is what a researcher trains; tiny exists for the test suite; paper is the paper's size. */
const PRESET_NOTES: Readonly<Record<Preset, string>> = {
  tiny: 'tiny (tests only)',
  small: 'small (recommended)',
  paper: "paper (the paper's size, Appendix B: a large GPU)",
};

/** A number input that reports only finite values, with its one-line help and the reason a value is refused. */
function NumberField(props: { label: string; value: number; onChange: (v: number) => void; step?: number; min?: number; problem?: string; help?: string; name?: string }) {
  const { label, value, onChange, step, min, problem, help, name } = props;
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} title={name}>{label}</label>
      <input
        id={id}
        type="number"
        value={value}
        step={step ?? 'any'}
        min={min}
        aria-invalid={problem !== undefined}
        aria-describedby={describedBy(id, help, problem)}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (Number.isFinite(v)) onChange(v);
        }}
      />
      <FieldHelp id={`${id}-help`} help={help} />
      <FieldProblem id={`${id}-problem`} problem={problem} />
    </div>
  );
}

/** The ids of a field's help line and refusal, those it has. */
function describedBy(id: string, help?: string, problem?: string): string | undefined {
  const ids = [help ? `${id}-help` : '', problem === undefined ? '' : `${id}-problem`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldHelp({ id, help }: { id: string; help?: string }) {
  return help ? (
    <span id={id} className="field-help">
      {help}
    </span>
  ) : null;
}

function FieldProblem({ id, problem }: { id: string; problem?: string }) {
  return problem === undefined ? null : (
    <span id={id} className="field-problem" role="alert">
      {problem}
    </span>
  );
}

/** One hyper-parameter, drawn as its range says: a select for a choice, a checkbox for a flag, else a number. */
function HyperInput({ field, onChange }: { field: HyperField; onChange: (v: HyperValue) => void }) {
  const { name, range, value, problem } = field;
  const { label, help } = hyperLabel(name);
  const id = useId();
  if (range.type === 'number') return <NumberField label={label} name={name} help={help} value={Number(value)} onChange={onChange} problem={problem} />;
  const described = { 'aria-invalid': problem !== undefined, 'aria-describedby': describedBy(id, help, problem) };
  return (
    <div className="field">
      <label htmlFor={id} title={name}>{label}</label>
      {range.type === 'choice' ? (
        <select id={id} value={String(value)} onChange={(e) => onChange(e.currentTarget.value)} {...described}>
          {range.options.map((option) => (
            <option key={option} value={option}>
              {CHOICE_LABELS[option as keyof typeof CHOICE_LABELS] ?? option}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} {...described} />
      )}
      <FieldHelp id={`${id}-help`} help={help} />
      <FieldProblem id={`${id}-problem`} problem={problem} />
    </div>
  );
}

/** Model family, preset, seed, batch size, the preset's hyper-parameters and the number of steps. */
export function ModelForm() {
  const { settings, configure, createModel, phase, busy, model } = useTrainStore();
  const fields = hyperFields(settings.kind, settings.preset, settings.hyper);
  const refusal = formRefusal(settings);
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
      <NumberField label="Seed" help="Fixes the initial weights, the noise and the order of the batches." value={settings.seed} step={1} onChange={(seed) => void configure({ seed })} problem={settingFieldProblem('seed', settings.seed)} />
      <NumberField
        label="Batch size"
        help="Crystals per training step."
        value={settings.batchSize}
        step={1}
        min={1}
        onChange={(batchSize) => void configure({ batchSize })}
        problem={settingFieldProblem('batchSize', settings.batchSize)}
      />
      <fieldset className="hyper">
        <legend>Hyper-parameters</legend>
        {fields.map((field) => (
          <HyperInput key={field.name} field={field} onChange={(v) => void configure({ hyper: withField(settings.hyper, field.name, v) })} />
        ))}
      </fieldset>
      <NumberField label="Train to step" value={settings.totalSteps} step={1} min={1} onChange={(totalSteps) => void configure({ totalSteps })} />
      <button type="submit" className="button" disabled={busy || running || refusal !== undefined} title={refusal} data-testid="train-create">
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
