import { useId } from 'react';
import type { HyperValue } from '../../ml/hyper';
import { MODEL_KINDS, type ModelKind, type Preset, PRESETS } from '../../ml/types';
import { MODEL_NAMES } from '../format';
import { describedBy, FieldHelp, FieldProblem, NumberField } from './FormFields';
import { formRefusal, type HyperField, hyperFields, settingFieldProblem, withField } from './hyper-form';
import { CHOICE_LABELS, hyperLabel } from './hyper-labels';
import { useTrainStore } from './store';

/** Honest labels: small is what a researcher trains; tiny exists for the test suite; paper is the paper's size. */
const PRESET_NOTES: Readonly<Record<Preset, string>> = {
  tiny: 'tiny (tests only)',
  small: 'small (recommended)',
  paper: "paper (the paper's size, Appendix B: a large GPU)",
};

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

/**
 * A new model: family, preset, seed, batch size and the preset's hyper-parameters. Its action stays at the bottom
 * of the screen while the fields scroll (train.css), so that it is in view whatever the family's field count.
 */
export function ModelForm() {
  const { settings, configure, createModel, phase, busy, model } = useTrainStore();
  const fields = hyperFields(settings.kind, settings.preset, settings.hyper);
  const refusal = formRefusal(settings);
  const ids = { title: useId(), kind: useId(), preset: useId() };
  const running = phase === 'running';
  return (
    <form
      className="model-form"
      aria-labelledby={ids.title}
      onSubmit={(e) => {
        e.preventDefault();
        void createModel(); // the open model stays in the library: nothing is discarded
      }}
    >
      <h2 id={ids.title}>New model</h2>
      <div className="model-form__row">
        <div className="field">
          <label htmlFor={ids.kind}>Model</label>
          <select id={ids.kind} value={settings.kind} onChange={(e) => void configure({ kind: e.currentTarget.value as ModelKind })} data-testid="train-kind">
            {MODEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {MODEL_NAMES[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.preset}>Preset</label>
          <select id={ids.preset} value={settings.preset} onChange={(e) => void configure({ preset: e.currentTarget.value as Preset })} data-testid="train-preset">
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
      </div>
      <fieldset className="hyper">
        <legend>Hyper-parameters</legend>
        {fields.map((field) => (
          <HyperInput key={field.name} field={field} onChange={(v) => void configure({ hyper: withField(settings.hyper, field.name, v) })} />
        ))}
      </fieldset>
      <div className="model-form__action">
        <button type="submit" className={model ? 'button' : 'button button--primary'} disabled={busy || running || refusal !== undefined} title={refusal} data-testid="train-create">
          {model ? 'Create another model' : 'Create the model'}
        </button>
        {refusal !== undefined && <span className="field-problem">{refusal}</span>}
      </div>
    </form>
  );
}
