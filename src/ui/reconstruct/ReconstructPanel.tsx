import { useEffect, useId, useMemo, useState } from 'react';
import type { TracedDecoding } from '../../core/crystens/decode';
import { encodeCrystal } from '../../core/crystens/encode';
import { type Normalization, normalizationFor } from '../../core/crystens/layout';
import { inCrystalWorker } from '../crystalClient';
import { useFocusedCrystal, useFocusedSample } from '../focus/focus';
import { SubjectPicker } from '../focus/SubjectPicker';
import { clusterOptions, type SampleSettings } from '../generate/store';
import { useViewStore } from '../view';
import { ReconstructionStepper } from './ReconstructionStepper';

type Clustering = SampleSettings['clustering'];

interface Tensor {
  readonly tensor: Float32Array;
  readonly normalization: Normalization;
  readonly index: number;
  readonly source: string;
}

type Input = Tensor | { readonly reason: string };

type Traced = { readonly result: TracedDecoding } | { readonly error: string };

/**
 * The crystal worker's decoding of `input` with its trace, for the `clustering` asked; undefined until it answers
 * (one tensor takes milliseconds there, and the page stays free meanwhile).
 */
function useTracedDecoding(input: Input | undefined, clustering: Clustering): Traced | undefined {
  const [state, setState] = useState<{ input: Input; clustering: Clustering; traced: Traced }>();
  useEffect(() => {
    if (!input || 'reason' in input) return;
    let current = true;
    const answer = (traced: Traced) => current && setState({ input, clustering, traced });
    inCrystalWorker((api) => api.trace(input.tensor, input.normalization, clusterOptions(clustering), input.index, input.source)).then(
      (result) => answer({ result }),
      (e: unknown) => answer({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, [input, clustering]);
  return state && state.input === input && state.clustering === clustering ? state.traced : undefined;
}

/**
 * One tensor's reconstruction, step by step (paper §3.2): a generated sample, or a real crystal's own tensor for
 * comparison (which reconstructs exactly). A generated sample is shown as its run decoded it — the run's k, and at
 * the last step the very crystal the gallery, the 3-D view and the export show; a real crystal's k can be chosen.
 */
export function ReconstructPanel() {
  const subject = useViewStore((s) => s.subject);
  const real = useFocusedCrystal().crystal;
  const sample = useFocusedSample();
  const [realClustering, setRealClustering] = useState<Clustering>('auto');
  const generated = subject === 'generated';
  const k = generated ? (sample?.run.settings.clustering ?? 'auto') : realClustering;
  const kId = useId();

  // Keyed on what the sample is made of: useFocusedSample answers a new object at every render.
  const tensor = sample?.tensor;
  const normalization = sample?.run.normalization;
  const label = sample?.run.label;
  const index = sample?.index ?? 0;
  const input = useMemo((): Input | undefined => {
    if (generated) return tensor && normalization ? { tensor, normalization, index, source: `${label} #${index + 1}` } : undefined;
    if (!real) return undefined;
    const bounds = normalizationFor(Math.max(real.lattice.a, real.lattice.b, real.lattice.c));
    const e = encodeCrystal(real, bounds);
    return e.ok ? { tensor: e.tensor, normalization: bounds, index: 0, source: real.source } : { reason: e.reason };
  }, [generated, tensor, normalization, label, index, real]);

  const traced = useTracedDecoding(input, k);
  // The run's own decoding where it has one: the same object everywhere else in the studio shows.
  const decoded = generated && sample?.decoded ? sample.decoded : traced && 'result' in traced ? traced.result.decoded : undefined;

  return (
    <section className="panel" aria-labelledby="reconstruct-title" data-testid="reconstruct-panel">
      <header className="panel__header">
        <h1 id="reconstruct-title">Reconstruct</h1>
        <div className="field field--inline">
          <label htmlFor={kId}>K-means</label>
          <select id={kId} value={k} disabled={generated} onChange={(e) => setRealClustering(e.currentTarget.value as Clustering)} data-testid="reconstruct-k"
            title={generated ? 'A generated sample is shown as its run was decoded; the Generate panel decodes a run with another k' : undefined}>
            <option value="auto">automatic k per crystal (real tensors decode to themselves)</option>
            <option value="paper">paper mode: k = 3 for Z, 6 for coordinates</option>
          </select>
        </div>
      </header>
      <SubjectPicker />
      {input && 'reason' in input && <p className="failure">This crystal has no CrysTens: {input.reason}</p>}
      {traced && 'error' in traced && <p className="failure">The reconstruction could not be run: {traced.error}</p>}
      {input && 'tensor' in input && traced && 'result' in traced && decoded && (
        <ReconstructionStepper reconstruction={traced.result.reconstruction} decoded={decoded} tensor={input.tensor} />
      )}
      {input && 'tensor' in input && !traced && <p className="muted" data-testid="reconstruct-pending">Reconstructing…</p>}
    </section>
  );
}
