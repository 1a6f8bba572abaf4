import { useMemo } from 'react';
import { type Crystal, formula } from '../../core/crystal';
import { encodeCrystal } from '../../core/crystens/encode';
import { type Normalization, normalizationFor } from '../../core/crystens/layout';
import { useDataStore } from '../data/store';
import { useFocusedCrystal, useFocusedSample } from '../focus/focus';
import { CrystalPicker, SamplePicker } from '../focus/Pickers';
import { useTrainStore } from '../train/store';
import { CrysTensView } from './CrysTensView';
import { TensorComparison } from './TensorComparison';
import { TensorSpreadView } from './TensorSpreadView';
import './tensor.css';

/**
 * The bound lattice lengths are normalised with: the generated sample's model's, so that both tensors share it;
 * else the training set's; else the one a training set of the loaded crystals would get.
 */
function panelNormalization(
  crystals: readonly Crystal[],
  model?: Normalization,
  datasetBound?: number,
): Normalization | undefined {
  if (model) return model;
  if (datasetBound) return { lengthBound: datasetBound };
  if (crystals.length === 0) return undefined;
  return normalizationFor(crystals.reduce((m, c) => Math.max(m, c.lattice.a, c.lattice.b, c.lattice.c), 1));
}

/** The focused real crystal's CrysTens, and beside it the focused generated sample with its spread. */
export function TensorPanel() {
  const crystals = useDataStore((s) => s.crystals);
  const datasetBound = useTrainStore((s) => s.dataset?.lengthBound);
  const { crystal } = useFocusedCrystal();
  const focusedSample = useFocusedSample();
  // Once there are samples, the focused one shows beside the real crystal.
  const run = focusedSample?.run;
  const generated = focusedSample?.tensor;
  const sample = focusedSample?.index ?? 0;
  const normalization = useMemo(
    () => panelNormalization(crystals, generated && run?.normalization, datasetBound),
    [crystals, generated, run, datasetBound],
  );
  const encoding = useMemo(
    () => (crystal && normalization ? encodeCrystal(crystal, normalization) : undefined),
    [crystal, normalization],
  );
  const real = encoding?.ok ? encoding.tensor : undefined;

  return (
    <section className="panel" aria-labelledby="tensor-title" data-testid="tensor-panel">
      <header className="panel__header">
        <h1 id="tensor-title">Tensor</h1>
        <p className="summary">
          {crystal ? `${formula(crystal)} · ${crystal.source}` : 'load crystals in the Data panel to see their tensors'}
        </p>
      </header>
      <div className="tensor-pickers">
        <CrystalPicker />
        {focusedSample && <SamplePicker />}
      </div>
      {encoding && !encoding.ok && (
        <p className="failure" role="alert">
          This crystal has no CrysTens: {encoding.reason}
        </p>
      )}
      {normalization && generated && real && (
        <TensorComparison
          real={real}
          generated={generated}
          normalization={normalization}
          realTitle={`Real: ${formula(crystal!)}`}
          generatedTitle={`Generated: sample ${sample + 1} of ${run!.label}`}
        />
      )}
      {normalization && generated && !real && (
        <CrysTensView tensor={generated} normalization={normalization} title={`Generated: sample ${sample + 1}`} />
      )}
      {normalization && !generated && real && (
        <CrysTensView tensor={real} normalization={normalization} title={`Real: ${formula(crystal!)}`} />
      )}
      {generated && (
        <section className="tensor-panel__spread" aria-labelledby="tensor-spread-title">
          <h2 id="tensor-spread-title">Spread of the generated tensor</h2>
          <TensorSpreadView tensor={generated} />
        </section>
      )}
    </section>
  );
}
