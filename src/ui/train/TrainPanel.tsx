import { useEffect, useId } from 'react';
import { useDataStore, useIsBusy, useTrainingCrystals } from '../data/store';
import { formatCount, formatDuration, MODEL_NAMES } from '../format';
import { BackendPicker } from './BackendPicker';
import { CheckpointList } from './CheckpointList';
import { measuredStepMs, runEstimate } from './estimate';
import { NumberField } from './FormFields';
import { LiveSamplesView } from './LiveSamples';
import { LossChart } from './LossChart';
import { ModelForm } from './ModelForm';
import { ModelLibrary } from './ModelLibrary';
import { PretrainedList } from './PretrainedList';
import { runAction } from './run-action';
import { useTrainStore } from './store';
import './train.css';

export function TrainPanel() {
  const crystals = useTrainingCrystals();
  const loaded = useDataStore((s) => s.crystals.length);
  const loading = useIsBusy();
  const { setCrystals, dataset, model, backend, phase, last, settings, busy, notices, timing } = useTrainStore();
  const { configure, train, pause, resume, step, stop, live, liveSettings, setLiveSettings } = useTrainStore();

  // The worker gets the crystals once a load has ended, not with every chunk of one still arriving; none when
  // every source is kept out of training.
  useEffect(() => {
    if (loaded > 0 && !loading) void setCrystals(crystals);
  }, [crystals, loaded, loading, setCrystals]);

  const running = phase === 'running';
  const canTrain = model !== undefined && dataset !== undefined && dataset.crystals > 0 && !running && !busy;
  const target = last?.totalSteps ?? settings.totalSteps;
  const done = model?.step ?? 0;
  const msPerStep = measuredStepMs(last?.stepsPerSecond, timing?.choice.backend === backend?.backend ? timing?.msPerStep : undefined);
  const action = runAction({ phase, done, target: settings.totalSteps, runTarget: last?.totalSteps });
  const actionAvailable = { train: canTrain, continue: canTrain, pause: running, resume: phase === 'paused', trained: false }[action.kind];
  const act = () => void (action.kind === 'pause' ? pause() : action.kind === 'resume' ? resume() : train());
  const explanationId = useId();

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
      {loaded === 0 && <p className="muted">Load crystals in the Data panel (or the example dataset) to train on them.</p>}
      {loaded > 0 && crystals.length === 0 && (
        <p className="muted" data-testid="train-all-excluded">
          Every source is kept out of training: let one back in under Sources in the Data panel.
        </p>
      )}
      <ModelLibrary />
      <div className="train-layout">
        <ModelForm />
        <div className="train-run">
          <p data-testid="train-model">
            {model
              ? `${MODEL_NAMES[model.config.kind]}, ${model.config.preset} preset (${formatCount(model.parameters)} parameters), batch ${model.config.batchSize}, seed ${model.config.seed}: step ${done}`
              : 'No model yet: create one (New model) or start from a pretrained one (below).'}
          </p>
          <div className="train-run__bar" role="group" aria-label="Training controls">
            <NumberField className="train-run__target" label="Train to step" value={settings.totalSteps} step={1} min={1} onChange={(totalSteps) => void configure({ totalSteps })} />
            <button type="button" className="button button--primary" onClick={act} disabled={!actionAvailable} title={action.explanation}
              aria-describedby={model ? explanationId : undefined} data-action={action.kind} data-testid="train-start">
              {action.label}
            </button>
            <button type="button" className="button button--quiet" onClick={() => void step()} disabled={!canTrain} title="Trains one step and stops: to look at the model as it learns." data-testid="train-step">
              Step once
            </button>
            <button type="button" className="button button--quiet" onClick={() => void stop()} disabled={!running && phase !== 'paused'} title="Ends the run at its step; the model keeps it and can continue later." data-testid="train-stop">
              Stop
            </button>
          </div>
          {model && (
            <p className="muted train-run__explanation" id={explanationId}>
              {action.explanation}{' '}
              <span data-testid="train-estimate">{runEstimate({ done, target: settings.totalSteps, msPerStep, backend: backend?.backend, measuring: timing?.measuring })}</span>
            </p>
          )}
          <div className="train-progress" data-testid="train-progress">
            <progress max={Math.max(target, 1)} value={Math.min(done, target)} aria-label="Training progress" />
            <span>
              step {done} of {target} · {phase}
              {last && last.stepsPerSecond > 0 && ` · ${last.stepsPerSecond.toFixed(2)} steps/s`}
              {running && last && Number.isFinite(last.etaSeconds) && ` · ${formatDuration(last.etaSeconds)} left`}
              {last && ` · ${last.memory.numTensors} tensors, ${(last.memory.numBytes / 2 ** 20).toFixed(1)} MiB`}
            </span>
          </div>
          {notices.length > 0 && (
            <ul className="notices" aria-live="polite" data-testid="train-notices">
              {notices.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ul>
          )}
          {!model && <PretrainedList />}
          <LossChart />
          <LiveSamplesView draw={live} normalization={model?.config.normalization} settings={liveSettings} onSettings={(next) => void setLiveSettings(next)} />
          <CheckpointList />
          {model && <PretrainedList />}
        </div>
      </div>
    </section>
  );
}
