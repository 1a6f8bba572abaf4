import { memo, useMemo } from 'react';
import type { DecodedTensor } from '../../core/crystens/decode';
import { foreignSize } from '../../core/metrics/site-counts';
import { MatrixHeatmap } from '../heatmap/MatrixHeatmap';
import { layerValues } from '../tensor/layers';
import { useViewStore } from '../view';
import type { SampleRun } from './store';
import { formulaText } from '../formula-text';

/**
 * Every sample of a run: its layer-0 heatmap, formula, predicted and detected space group, validity, and a mark on
 * a crystal of a size the training set never has (`trainingSizes`).
 */
export function Gallery({ run, trainingSizes }: { run: SampleRun; trainingSizes: ReadonlySet<number> }) {
  const { run: focusedRun, sample, focusSample, show } = useViewStore();
  return (
    <ol className="gallery" aria-label={`Samples of ${run.label}`} data-testid="generate-gallery">
      {run.decoded.map((d) => (
        <li key={d.index}>
          <SampleCard
            decoded={d}
            foreign={d.ok ? foreignSize(d.crystal, trainingSizes) : undefined}
            tensor={run.tensors[d.index]}
            focused={focusedRun === run.id && sample === d.index}
            onFocus={() => focusSample(run.id, d.index)}
            onOpen={(panel) => {
              focusSample(run.id, d.index);
              show(panel);
            }}
          />
        </li>
      ))}
    </ol>
  );
}

interface CardProps {
  decoded: DecodedTensor;
  /** Why the crystal's size is foreign to the training set. */
  foreign?: string;
  tensor?: Float32Array;
  focused: boolean;
  onFocus: () => void;
  onOpen: (panel: 'reconstruct' | 'structure' | 'tensor') => void;
}

const SampleCard = memo(function SampleCard({ decoded: d, foreign, tensor, focused, onFocus, onOpen }: CardProps) {
  const layer0 = useMemo(() => (tensor ? layerValues(tensor, 0) : undefined), [tensor]);
  return (
    <article className={`sample-card${focused ? ' sample-card--focused' : ''}`} data-testid="generate-sample" onClick={onFocus}>
      {layer0 && <MatrixHeatmap values={layer0} rows={64} columns={64} range={[0, 1]} pixelSize={1.5} ariaLabel={`Sample ${d.index + 1}, layer 0`} />}
      <div className="sample-card__text">
        <strong>#{d.index + 1}</strong>{' '}
        {d.ok ? (
          <>
            <span className="formula">{formulaText(d.crystal)}</span>
            <span className="muted">
              predicted {d.crystal.spaceGroup.predicted}, detected {d.crystal.spaceGroup.detected ?? '?'}
              {d.crystal.spaceGroup.detectedSymbol ? ` (${d.crystal.spaceGroup.detectedSymbol})` : ''}
            </span>
            <span className="validity">
              <span className={d.structurallyValid ? 'ok' : 'bad'}>{d.structurallyValid ? 'structure valid' : 'atoms too close'}</span>
              <span className={d.compositionallyValid ? 'ok' : 'bad'}>{d.compositionallyValid ? 'charge neutral' : 'not charge neutral'}</span>
              {foreign && <span className="bad" data-testid="generate-sample-foreign">{foreign}</span>}
            </span>
          </>
        ) : (
          <span className="bad">no crystal: {d.reason}</span>
        )}
      </div>
      <div className="sample-card__actions">
        <button type="button" className="button button--quiet" onClick={() => onOpen('reconstruct')}>
          Reconstruction
        </button>
        {d.ok && (
          <button type="button" className="button button--quiet" onClick={() => onOpen('structure')}>
            3-D
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={() => onOpen('tensor')}>
          Tensor
        </button>
      </div>
    </article>
  );
});
