import { useMemo } from 'react';
import type { Crystal } from '../../core/crystal';
import { encodeCrystal } from '../../core/crystens/encode';
import { HEADER, type Normalization, normalizationFor, SIZE } from '../../core/crystens/layout';
import { countAtoms } from '../../core/crystens/reconstruct';
import { useDataStore } from '../data/store';
import { useFocusedCrystal, useFocusedSample } from '../focus/focus';
import { CrystalPicker, SamplePicker } from '../focus/Pickers';
import { formulaText } from '../formula-text';
import { useTrainStore } from '../train/store';
import { CrysTensView } from './CrysTensView';
import { TensorComparison } from './TensorComparison';
import { TensorSpreadView } from './TensorSpreadView';
import { isZoomed, shownSide, useTensorZoomStore } from './zoom';
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
  // Both maps of a comparison show the same block: the larger of the two atom counts.
  const atomCount = useMemo(
    () => Math.max(real ? countAtoms(real).atomCount : 0, generated ? countAtoms(generated).atomCount : 0),
    [real, generated],
  );
  const zoomChoice = useTensorZoomStore((s) => s.zoomed);
  const setZoomed = useTensorZoomStore((s) => s.setZoomed);
  const zoomed = isZoomed(zoomChoice, atomCount);
  const side = shownSide(zoomed, atomCount);

  return (
    <section className="panel" aria-labelledby="tensor-title" data-testid="tensor-panel">
      <header className="panel__header">
        <h1 id="tensor-title">Tensor</h1>
        <p className="summary">
          {crystal ? `${formulaText(crystal)} · ${crystal.source}` : 'load crystals in the Data panel to see their tensors'}
        </p>
      </header>
      <div className="tensor-pickers">
        <CrystalPicker />
        {focusedSample && <SamplePicker />}
      </div>
      {normalization && (real ?? generated) && (
        <div className="segmented tensor-zoom" role="group" aria-label="Heatmap extent" data-testid="tensor-zoom">
          <button type="button" className="segmented__option" aria-pressed={zoomed} onClick={() => setZoomed(true)}
            title={`The ${HEADER} header rows and columns and the ${atomCount} atom ${atomCount === 1 ? 'slot' : 'slots'} in use`}>
            Occupied block ({HEADER + atomCount} × {HEADER + atomCount})
          </button>
          <button type="button" className="segmented__option" aria-pressed={!zoomed} onClick={() => setZoomed(false)}>
            Whole tensor ({SIZE} × {SIZE})
          </button>
        </div>
      )}
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
          side={side}
          realTitle={`Real: ${formulaText(crystal!)}`}
          generatedTitle={`Generated: sample ${sample + 1} of ${run!.label}`}
        />
      )}
      {normalization && generated && !real && (
        <CrysTensView tensor={generated} normalization={normalization} side={side} title={`Generated: sample ${sample + 1}`} />
      )}
      {normalization && !generated && real && (
        <CrysTensView tensor={real} normalization={normalization} side={side} title={`Real: ${formulaText(crystal!)}`} />
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
