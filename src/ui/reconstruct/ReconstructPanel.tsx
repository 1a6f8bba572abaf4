import { useId, useMemo, useState } from 'react';
import { encodeCrystal } from '../../core/crystens/encode';
import { type Normalization, normalizationFor } from '../../core/crystens/layout';
import { reconstruct } from '../../core/crystens/reconstruct';
import { useFocusedCrystal, useFocusedSample } from '../focus/focus';
import { SubjectPicker } from '../focus/SubjectPicker';
import { clusterOptions, type SampleSettings } from '../generate/store';
import { useViewStore } from '../view';
import { ReconstructionStepper } from './ReconstructionStepper';

type Input = { readonly tensor: Float32Array; readonly normalization: Normalization; readonly source: string } | { readonly reason: string };

/**
 * One tensor's reconstruction, step by step (paper §3.2): a generated sample, or a real crystal's own tensor for
 * comparison (which reconstructs exactly). One tensor takes well under a millisecond, so it runs here.
 */
export function ReconstructPanel() {
  const subject = useViewStore((s) => s.subject);
  const real = useFocusedCrystal().crystal;
  const sample = useFocusedSample();
  const [clustering, setClustering] = useState<SampleSettings['clustering'] | undefined>();
  const k = clustering ?? (subject === 'generated' && sample ? sample.run.settings.clustering : 'auto');
  const kId = useId();

  const input = useMemo((): Input | undefined => {
    if (subject === 'generated') {
      const tensor = sample?.tensor;
      return tensor && sample ? { tensor, normalization: sample.run.normalization, source: `${sample.run.label} #${sample.index + 1}` } : undefined;
    }
    if (!real) return undefined;
    const normalization = normalizationFor(Math.max(real.lattice.a, real.lattice.b, real.lattice.c));
    const e = encodeCrystal(real, normalization);
    return e.ok ? { tensor: e.tensor, normalization, source: real.source } : { reason: e.reason };
  }, [subject, sample, real]);

  const reconstruction = useMemo(
    () => (input && 'tensor' in input ? reconstruct(input.tensor, input.normalization, clusterOptions(k), input.source) : undefined),
    [input, k],
  );

  return (
    <section className="panel" aria-labelledby="reconstruct-title" data-testid="reconstruct-panel">
      <header className="panel__header">
        <h1 id="reconstruct-title">Reconstruct</h1>
        <div className="field field--inline">
          <label htmlFor={kId}>K-means</label>
          <select id={kId} value={k} onChange={(e) => setClustering(e.currentTarget.value as SampleSettings['clustering'])} data-testid="reconstruct-k">
            <option value="auto">automatic k per crystal (real tensors decode to themselves)</option>
            <option value="paper">paper mode: k = 3 for Z, 6 for coordinates</option>
          </select>
        </div>
      </header>
      <SubjectPicker />
      {input && 'reason' in input && <p className="failure">This crystal has no CrysTens: {input.reason}</p>}
      {reconstruction && input && 'tensor' in input && <ReconstructionStepper reconstruction={reconstruction} tensor={input.tensor} />}
    </section>
  );
}
