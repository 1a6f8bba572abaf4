import { useMemo, useState } from 'react';
import { SLOT_NAMES, slotElement } from '../../core/crystens/describe';
import { HEADER } from '../../core/crystens/layout';
import { countAtoms } from '../../core/crystens/reconstruct';
import { formatTick } from '../charts/ticks';
import { ColorBar } from '../heatmap/ColorBar';
import { MatrixHeatmap } from '../heatmap/MatrixHeatmap';
import type { ValueRange } from '../heatmap/paint';
import { PAIR_QUANTITIES } from './layers';
import { type TensorSpread, tensorSpread } from './spread';
import './tensor.css';

export interface TensorSpreadViewProps {
  /** A generated [64, 64, 4] tensor. Treated as immutable. */
  readonly tensor: Float32Array;
}

/** What is hovered: a header value (slot h of atom s) or a pair entry (atoms s, t) of one layer. */
type SpreadCell =
  | { readonly kind: 'header'; readonly h: number; readonly s: number }
  | { readonly kind: 'pair'; readonly layer: number; readonly s: number; readonly t: number };

/** Side of the maps in CSS pixels, whatever the atom count (within 3 to 12 pixels per cell). */
const MAP_SIDE = 192;

/** The readout for a hovered cell; undefined when the cell lies outside the spread (a new, smaller tensor). */
function describeSpread(tensor: Float32Array, spread: TensorSpread, cell: SpreadCell): string | undefined {
  const A = spread.atomCount;
  const atom = (s: number) => `atom ${s + 1} (${slotElement(tensor, s)})`;
  if (cell.kind === 'header') {
    const sd = spread.header[cell.h * A + cell.s];
    return sd === undefined || cell.s >= A ? undefined : `${SLOT_NAMES[cell.h]} of ${atom(cell.s)}: σ of its 8 copies = ${formatTick(sd)}`;
  }
  const moved = spread.pairs[cell.layer]?.[cell.s * A + cell.t];
  if (moved === undefined || cell.s >= A || cell.t >= A) return undefined;
  return `layer ${cell.layer}, ${atom(cell.s)} and ${atom(cell.t)}: symmetrisation moves the entry by ${formatTick(moved)}`;
}

/**
 * Where a generated tensor disagrees with itself: the spread of each header value's 8 copies, and what
 * symmetrising the pair block removes, on one colour scale. Reconstruction averages both away; this shows
 * how much there was to average.
 */
export function TensorSpreadView({ tensor }: TensorSpreadViewProps) {
  const { atomCount } = useMemo(() => countAtoms(tensor), [tensor]);
  const spread = useMemo(() => tensorSpread(tensor, atomCount), [tensor, atomCount]);
  const [hovered, setHovered] = useState<SpreadCell | null>(null);

  if (atomCount === 0) {
    return (
      <section className="tensor-spread" data-testid="tensor-spread" aria-label="Spread">
        <p className="muted">No atoms: every presence-mask copy is below 0.5, so there are no copies to compare.</p>
      </section>
    );
  }

  const A = atomCount;
  const range: ValueRange = [0, spread.max > 0 ? spread.max : 1];
  const pixelSize = Math.min(12, Math.max(3, Math.floor(MAP_SIDE / Math.max(A, HEADER))));
  const readout = hovered && describeSpread(tensor, spread, hovered);

  return (
    <section className="tensor-spread" data-testid="tensor-spread" aria-label="Spread">
      <p className="tensor-spread__lead">
        In normalised units: the standard deviation of each header value&rsquo;s 8 copies, and how far symmetrising
        the pair block (L&nbsp;←&nbsp;(L&nbsp;+&nbsp;Lᵀ)/2, Δ&nbsp;←&nbsp;(Δ&nbsp;−&nbsp;Δᵀ)/2) moves each entry. Both are 0
        for an encoded crystal.
      </p>
      <div className="tensor-spread__maps">
        <figure className="crystens-view__layer">
          <figcaption>
            Header copies <span className="muted">· slots × atoms</span>
          </figcaption>
          <MatrixHeatmap
            values={spread.header}
            rows={HEADER}
            columns={A}
            range={range}
            pixelSize={pixelSize}
            onHover={(h, s) => setHovered({ kind: 'header', h, s })}
            onLeave={() => setHovered(null)}
            ariaLabel={`Spread of the header copies: ${HEADER} slots by ${A} atoms`}
            testId="tensor-spread-header"
          />
        </figure>
        {spread.pairs.map((values, k) => (
          <figure key={k} className="crystens-view__layer">
            <figcaption>
              Pair block, layer {k} <span className="muted">· {PAIR_QUANTITIES[k]}</span>
            </figcaption>
            <MatrixHeatmap
              values={values}
              rows={A}
              columns={A}
              range={range}
              pixelSize={pixelSize}
              onHover={(s, t) => setHovered({ kind: 'pair', layer: k, s, t })}
              onLeave={() => setHovered(null)}
              ariaLabel={`Asymmetry of the pair block, layer ${k}: ${A} by ${A} atoms`}
              testId={`tensor-spread-layer-${k}`}
            />
          </figure>
        ))}
      </div>
      <div className="crystens-view__footer">
        <ColorBar range={range} label="spread (normalised)" />
        <p className={readout ? 'tensor-readout' : 'tensor-readout muted'} aria-live="polite">
          {readout ?? 'Point at a cell to read its spread.'}
        </p>
      </div>
    </section>
  );
}
