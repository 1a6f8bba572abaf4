/**
 * The Train panel's live samples (src/ml/engine/live-samples.ts): the latest few crystals the training model drew
 * from its fixed noise, each as its layer-0 heatmap and the crystal the crystal worker decodes from it, with how
 * often they are drawn and what that costs, which the researcher can change or switch off.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { DecodedTensor } from '../../core/crystens/decode';
import { ENTRIES, type Normalization } from '../../core/crystens/layout';
import { DEFAULT_CLUSTERING } from '../../core/crystens/reconstruct';
import { LIVE_SAMPLE_DEFAULTS, LIVE_SAMPLE_LIMITS, type LiveSampleSettings, type LiveSamples } from '../../ml/engine/live-samples';
import { inCrystalWorker } from '../crystalClient';
import { formulaText } from '../formula-text';
import { MatrixHeatmap } from '../heatmap/MatrixHeatmap';
import { layerValues } from '../tensor/layers';

interface Props {
  readonly draw?: LiveSamples;
  readonly normalization?: Normalization;
  readonly settings: LiveSampleSettings;
  readonly onSettings: (settings: LiveSampleSettings) => void;
}

/** The crystal worker's decoding of a draw; undefined until it answers (a newer draw replaces an older one). */
function useDecoded(draw: LiveSamples | undefined, normalization: Normalization | undefined): DecodedTensor[] | undefined {
  const [decoded, setDecoded] = useState<{ step: number; crystals: DecodedTensor[] }>();
  useEffect(() => {
    if (!draw || !normalization) return;
    let current = true;
    void inCrystalWorker((api) => api.decode(draw.tensors.slice(), normalization, DEFAULT_CLUSTERING, 0, `live sample, step ${draw.step}`)).then((crystals) => {
      if (current) setDecoded({ step: draw.step, crystals });
    });
    return () => {
      current = false;
    };
  }, [draw, normalization]);
  return decoded && draw && decoded.step === draw.step ? decoded.crystals : undefined;
}

function crystalText(decoded: DecodedTensor | undefined): string {
  if (!decoded) return 'decoding…';
  return decoded.ok ? formulaText(decoded.crystal) : `no crystal: ${decoded.reason}`;
}

export function LiveSamplesView({ draw, normalization, settings, onSettings }: Props) {
  const decoded = useDecoded(draw, normalization);
  const ids = { every: useId(), count: useId() };
  const { every, count } = LIVE_SAMPLE_LIMITS;
  // Layer 0 of each crystal, once per draw (the panel re-renders at every training step).
  const layers = useMemo(
    () => (draw ? Array.from({ length: draw.count }, (_, i) => layerValues(draw.tensors.subarray(i * ENTRIES, (i + 1) * ENTRIES), 0)) : []),
    [draw],
  );
  return (
    <section className="live-samples" aria-labelledby={`${ids.every}-title`} data-testid="live-samples">
      <h3 id={`${ids.every}-title`}>Live samples</h3>
      <div className="live-samples__settings">
        <label>
          <input type="checkbox" checked={settings.every > 0} onChange={(e) => onSettings({ ...settings, every: e.currentTarget.checked ? LIVE_SAMPLE_DEFAULTS.every : 0 })} /> draw while training
        </label>
        {settings.every > 0 && (
          <>
            <label htmlFor={ids.every}>every</label>
            <input id={ids.every} type="number" min={every.min} max={every.max} step={10} value={settings.every}
              onChange={(e) => { const v = e.currentTarget.valueAsNumber; if (Number.isInteger(v) && v >= every.min && v <= every.max) onSettings({ ...settings, every: v }); }} />
            <span>steps,</span>
            <input id={ids.count} type="number" min={count.min} max={count.max} value={settings.count} aria-label="crystals per draw"
              onChange={(e) => { const v = e.currentTarget.valueAsNumber; if (Number.isInteger(v) && v >= count.min && v <= count.max) onSettings({ ...settings, count: v }); }} />
            <span>crystals</span>
          </>
        )}
      </div>
      {draw ? (
        <>
          <p className="muted" data-testid="live-samples-cost">
            Step {draw.step.toLocaleString('en')}: drawn in {Math.round(draw.ms).toLocaleString('en')} ms, {(100 * draw.share).toFixed(1)} % of the training time
            (the same noise each time, so the change is the model's).
          </p>
          <ol className="live-samples__list">
            {layers.map((values, i) => (
              <li key={i} className="live-sample" data-testid="live-sample">
                <MatrixHeatmap values={values} rows={64} columns={64} range={[0, 1]} pixelSize={1} ariaLabel={`Live sample ${i + 1} at step ${draw.step}, layer 0`} />
                <span>{crystalText(decoded?.[i])}</span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">{settings.every > 0 ? `The first crystals appear at step ${settings.every.toLocaleString('en')} of a run.` : 'Off.'}</p>
      )}
    </section>
  );
}
