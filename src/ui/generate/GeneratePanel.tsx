import { useId, useMemo } from 'react';
import { siteCountsOf } from '../../core/metrics/site-counts';
import type { ElementChoice, Sampler } from '../../ml/types';
import { useDataStore } from '../data/store';
import { useTrainStore } from '../train/store';
import { useViewStore } from '../view';
import { Gallery } from './Gallery';
import { samplingFields } from './sampling-fields';
import { type SampleSettings, useGenerateStore } from './store';
import './generate.css';

export function GeneratePanel() {
  const model = useTrainStore((s) => s.model);
  const modelId = useTrainStore((s) => s.currentId);
  const training = useTrainStore((s) => s.phase === 'running');
  const { settings, configure, generate, cancel, progress, runs, remove } = useGenerateStore();
  const { run: focusedRun, focusSample } = useViewStore();
  const sampling = runs.some((r) => r.state === 'sampling');
  const run = runs.find((r) => r.id === focusedRun) ?? runs.at(-1);
  const ids = { count: useId(), sampler: useId(), steps: useId(), seed: useId(), clustering: useId(), elements: useId(), run: useId(), untrained: useId() };
  const shown = samplingFields(model?.config.kind, settings.sampler);
  const trainingElements = model?.config.elements;
  const crystals = useDataStore((s) => s.crystals);
  const trainingSizes = useMemo(() => siteCountsOf(crystals), [crystals]);

  return (
    <section className="panel" aria-labelledby="generate-title" data-testid="generate-panel">
      <header className="panel__header">
        <h1 id="generate-title">Generate</h1>
        <p className="summary">{model ? `from the ${model.config.kind} model at step ${model.step}` : 'create and train a model in the Train panel first'}</p>
      </header>
      <form
        className="generate-form"
        aria-label="Sampling"
        onSubmit={(e) => {
          e.preventDefault();
          if (model) void generate(model.config, model.step, modelId).then((id) => focusSample(id, 0));
        }}
      >
        <div className="field">
          <label htmlFor={ids.count}>Crystals</label>
          <input id={ids.count} type="number" min={1} max={1000} step={1} value={settings.count} data-testid="generate-count"
            onChange={(e) => Number.isInteger(e.currentTarget.valueAsNumber) && configure({ count: e.currentTarget.valueAsNumber })} />
        </div>
        {shown.sampler && (
          <div className="field">
            <label htmlFor={ids.sampler}>Sampler</label>
            <select id={ids.sampler} value={settings.sampler} onChange={(e) => configure({ sampler: e.currentTarget.value as Sampler })} data-testid="generate-sampler">
              <option value="ddim">DDIM</option>
              <option value="ddpm">DDPM (ancestral, all 1000 steps)</option>
            </select>
          </div>
        )}
        {shown.ddimSteps && (
          <div className="field">
            <label htmlFor={ids.steps}>DDIM steps</label>
            <input id={ids.steps} type="number" min={1} max={1000} step={1} value={settings.steps}
              onChange={(e) => Number.isInteger(e.currentTarget.valueAsNumber) && configure({ steps: e.currentTarget.valueAsNumber })} data-testid="generate-steps" />
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.seed}>Seed</label>
          <input id={ids.seed} type="number" step={1} value={settings.seed}
            onChange={(e) => Number.isInteger(e.currentTarget.valueAsNumber) && configure({ seed: e.currentTarget.valueAsNumber })} />
        </div>
        <div className="field">
          <label htmlFor={ids.clustering}>K-means</label>
          <select id={ids.clustering} value={settings.clustering} onChange={(e) => configure({ clustering: e.currentTarget.value as SampleSettings['clustering'] })}>
            <option value="auto">automatic k per crystal (real tensors decode to themselves)</option>
            <option value="paper">paper mode: k = 3 for Z, 6 for coordinates</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.elements}>Elements</label>
          <select id={ids.elements} value={trainingElements ? settings.elements : 'any'} disabled={!trainingElements} data-testid="generate-elements"
            title={trainingElements ? "Each atom's Z goes to the nearest element of the training crystals, at every step of a diffusion sampler" : 'This model was saved without the elements it was trained on'}
            onChange={(e) => configure({ elements: e.currentTarget.value as ElementChoice })}>
            <option value="training">{trainingElements ? `the ${trainingElements.length} of its training crystals` : 'of its training crystals'}</option>
            <option value="any">any (Z as the network writes it)</option>
          </select>
        </div>
        <div className="field field--inline">
          <input id={ids.untrained} type="checkbox" checked={settings.untrained ?? false} onChange={(e) => configure({ untrained: e.currentTarget.checked })} data-testid="generate-untrained" />
          <label htmlFor={ids.untrained} title="The same network with its initial weights: the baseline a trained model should beat in the Compare panel">
            untrained baseline
          </label>
        </div>
        <button type="submit" className="button" disabled={!model || sampling || training} data-testid="generate-start">
          Generate
        </button>
        <button type="button" className="button button--quiet" disabled={!sampling} onClick={cancel} data-testid="generate-cancel">
          Cancel
        </button>
      </form>
      {training && <p className="muted">Pause the training to sample: both use the model in the worker.</p>}
      {sampling && (
        <div className="generate-progress">
          <progress max={1} value={progress} aria-label="Sampling progress" />
          <span>{Math.round(progress * 100)} %</span>
        </div>
      )}
      {runs.length > 0 && (
        <div className="run-picker">
          <label htmlFor={ids.run}>Run</label>
          <select id={ids.run} value={run?.id} onChange={(e) => focusSample(e.currentTarget.value, 0)} data-testid="generate-run">
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label} — {r.decoded.length} of {r.settings.count} ({r.state})
              </option>
            ))}
          </select>
          {run && (
            <button type="button" className="button button--quiet" disabled={run.state === 'sampling'} onClick={() => remove(run.id)}>
              Delete run
            </button>
          )}
        </div>
      )}
      {run?.backend && (
        <p className="muted" data-testid="generate-backend">
          {run.backend.reason}
        </p>
      )}
      {run?.failure && <p className="failure" role="alert">Sampling failed: {run.failure}</p>}
      {run && <Gallery run={run} trainingSizes={trainingSizes} />}
    </section>
  );
}
