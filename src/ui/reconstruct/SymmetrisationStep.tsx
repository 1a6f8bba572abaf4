import { useState } from 'react';
import type { ReconstructionTrace } from '../../core/crystens/reconstruct';
import { ColorBar } from '../heatmap/ColorBar';
import { type HeatmapCell, MatrixHeatmap } from '../heatmap/MatrixHeatmap';
import { fixed, PAIR_LAYERS, type PairLayerId, pairLayer } from './steps';

/** The two maps together stay about this wide whatever A is (52 atoms: 4 px cells). */
const MAP_SIZE = 208;

/** Step 3 (spec §4.3): the pair block as the tensor holds it and after L ← (L + Lᵀ)/2, D ← (D − Dᵀ)/2. */
export function SymmetrisationStep({ trace }: { trace: ReconstructionTrace }) {
  const [layerId, setLayerId] = useState<PairLayerId>('distance');
  const [hovered, setHovered] = useState<HeatmapCell | null>(null);
  const A = trace.atomCount;
  const layer = pairLayer(trace, layerId);
  const isDistance = layerId === 'distance';
  const colormap = isDistance ? 'viridis' : 'diverging';
  const name = PAIR_LAYERS.find((l) => l.id === layerId)!.label;
  const pixelSize = Math.max(4, Math.floor(MAP_SIZE / A));
  const cell = hovered && hovered.row < A && hovered.col < A ? hovered : null;
  const hover = (row: number, col: number) => setHovered({ row, col });
  const leave = () => setHovered(null);

  return (
    <div className="reconstruct-step">
      <p className="reconstruct-step__lead">
        The distance layer should be symmetric and the three Δ layers antisymmetric (Δ<sub>ji</sub> = −Δ<sub>ij</sub>).
        The reconstruction keeps only that part of each: {isDistance ? 'L ← (L + Lᵀ)/2' : 'D ← (D − Dᵀ)/2'}.
      </p>
      <div className="segmented" role="group" aria-label="Pair layer">
        {PAIR_LAYERS.map((l) => (
          <button key={l.id} type="button" className="segmented__option" aria-pressed={l.id === layerId} onClick={() => setLayerId(l.id)}>
            {l.label}
          </button>
        ))}
      </div>
      <div className="pair-maps">
        {([['raw', 'As generated', layer.raw], ['symmetrised', 'Symmetrised', layer.symmetrised]] as const).map(([key, title, values]) => (
          <figure key={key} className="pair-maps__map">
            <figcaption>{title}</figcaption>
            <MatrixHeatmap
              values={values}
              rows={A}
              columns={A}
              range={layer.range}
              colormap={colormap}
              pixelSize={pixelSize}
              onHover={hover}
              onLeave={leave}
              marker={cell}
              ariaLabel={`${title} ${name} block, ${A} by ${A} atoms`}
              testId={`reconstruct-pairs-${key}`}
            />
          </figure>
        ))}
      </div>
      <ColorBar range={layer.range} colormap={colormap} label={`${name} (fractional)`} />
      <p className="reconstruct-readout" aria-live="polite">
        {cell ? (
          <>
            Atoms {cell.row + 1} → {cell.col + 1}: {fixed(layer.raw[cell.row * A + cell.col]!, 'coordinate')} as generated,{' '}
            {fixed(layer.symmetrised[cell.row * A + cell.col]!, 'coordinate')} symmetrised
          </>
        ) : (
          <span className="muted">Point at a cell (or focus a map and use the arrow keys) to read it.</span>
        )}
      </p>
      <p>
        Largest change by symmetrisation in {name}: <strong>{fixed(layer.largestChange, 'coordinate')}</strong> (fractional).
      </p>
    </div>
  );
}
