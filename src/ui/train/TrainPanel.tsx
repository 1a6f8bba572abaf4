import { useEffect } from 'react';
import { useDataStore, useIsBusy } from '../data/store';
import { formatCount, formatDuration, MODEL_NAMES } from '../format';
import { BackendPicker } from './BackendPicker';
import { CheckpointList } from './CheckpointList';
import { measuredStepMs, runEstimate } from './estimate';
import { LossChart } from './LossChart';
import { ModelForm } from './ModelForm';
import { PretrainedList } from './PretrainedList';
import { useTrainStore } from './store';
import './train.css';

export function TrainPanel() {
  const crystals = useDataStore((s) => s.crystals);
  const loading = useIsBusy();
  const { setCrystals, dataset, model, backend, phase, last, settings, busy, notices, timing } = useTrainStore();
  const { train, pause, resume, step, stop } = useTrainStore();

  // The worker gets the crystals once a load has ended, not with every chunk of one still arriving.
  useEffect(() => {
    if (crystals.length > 0 && !loading) void setCrystals(crystals);
  }, [crystals, loading, setCrystals]);

  const running = phase === 'running';
  const canTrain = model !== undefined && dataset !== undefined && dataset.crystals > 0 && !running && !busy;
  const target = last?.totalSteps ?? settings.totalSteps;
  const done = model?.step ?? 0;
  const msPerStep = measuredStepMs(last?.stepsPerSecond, timing?.choice.backend === backend?.backend ? timing?.msPerStep : undefined);

  return (
    <section className="panel" aria-labelledby="train-title" data-testid="train-panel">
      <header className="panel__header">
        <h1 id="train-title">Train</h1>
        <p className="summary">
          <BackendPicker />
          {dataset && (
            <span data-testid="train-dataset">
              {dataset.crystals} crystals to train on (lengths up to {dataset.lengthBound} Å)
            </span>
          )}
        </p>
      </header>
      {dataset && dataset.skipped.length > 0 && (
        <details className="train-skipped" data-testid="train-skipped">
          <summary>
            {dataset.skipped.length} crystals skipped{model ? ` (the model's bounds: lengths up to ${model.config.normalization.lengthBound} Å)` : ''}
          </summary>
          <ul>
            {dataset.skipped.slice(0, 200).map((s, i) => (
              <li key={i}>
                {s.source}: {s.reason}
              </li>
            ))}
            {dataset.skipped.length > 200 && <li>… and {dataset.skipped.length - 200} more</li>}
          </ul>
        </details>
      )}
      <PretrainedList />
      {crystals.length === 0 && <p className="muted">Load crystals in the Data panel (or the example dataset) to train on them.</p>}
      <div className="train-layout">
        <ModelForm />
        <div className="train-run">
          <p data-testid="train-model">
            {model
              ? `${MODEL_NAMES[model.config.kind]}, ${model.config.preset} preset (${formatCount(model.parameters)} parameters), batch ${model.config.batchSize}, seed ${model.config.seed}: step ${done}`
              : 'No model yet: choose one and create it.'}
          </p>
          {model && (
            <p className="muted" data-testid="train-estimate">
              {runEstimate({ done, target: settings.totalSteps, msPerStep, backend: backend?.backend, measuring: timing?.measuring })}
            </p>
          )}
          <div className="button-row" role="group" aria-label="Training controls">
            <button type="button" className="button" onClick={() => void train()} disabled={!canTrain || done >= settings.totalSteps} data-testid="train-start">
              {done > 0 ? 'Continue' : 'Train'} to step {settings.totalSteps}
            </button>
            <button type="button" className="button button--quiet" onClick={() => void pause()} disabled={!running} data-testid="train-pause">
              Pause
            </button>
            <button type="button" className="button button--quiet" onClick={() => void resume()} disabled={phase !== 'paused'} data-testid="train-resume">
              Resume
            </button>
            <button type="button" className="button button--quiet" onClick={() => void step()} disabled={!canTrain} data-testid="train-step">
              Step once
            </button>
            <button type="button" className="button button--quiet" onClick={() => void stop()} disabled={!running && phase !== 'paused'} data-testid="train-stop">
              Stop
            </button>
          </div>
          <div className="train-progress" data-testid="train-progress">
            <progress max={Math.max(target, 1)} value={Math.min(done, target)} aria-label="Training progress" />
            <span>
              step {done} of {target} · {phase}
              {last && last.stepsPerSecond > 0 && ` · ${last.stepsPerSecond.toFixed(2)} steps/s`}
              {running && last && Number.isFinite(last.etaSeconds) && ` · ${formatDuration(last.etaSeconds)} left`}
              {last && ` · ${last.memory.numTensors} tensors, ${(last.memory.numBytes / 2 ** 20).toFixed(1)} MiB`}
            </span>
          </div>
          <LossChart />
          <CheckpointList />
        </div>
      </div>
      {notices.length > 0 && (
        <ul className="notices" aria-live="polite" data-testid="train-notices">
          {notices.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
