import { useId } from 'react';

/** The ids of a field's help line and refusal, those it has (for aria-describedby). */
export function describedBy(id: string, help?: string, problem?: string): string | undefined {
  const ids = [help ? `${id}-help` : '', problem === undefined ? '' : `${id}-problem`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldHelp({ id, help }: { id: string; help?: string }) {
  return help ? (
    <span id={id} className="field-help">
      {help}
    </span>
  ) : null;
}

export function FieldProblem({ id, problem }: { id: string; problem?: string }) {
  return problem === undefined ? null : (
    <span id={id} className="field-problem" role="alert">
      {problem}
    </span>
  );
}

/** A number input that reports only finite values, with its one-line help and the reason a value is refused. */
export function NumberField(props: { label: string; value: number; onChange: (v: number) => void; step?: number; min?: number; problem?: string; help?: string; name?: string; className?: string }) {
  const { label, value, onChange, step, min, problem, help, name, className } = props;
  const id = useId();
  return (
    <div className={className ? `field ${className}` : 'field'}>
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
