import { useMemo, useState } from 'react';
import { describeEntry } from '../../core/crystens/describe';
import { HEADER, type Normalization, SIZE } from '../../core/crystens/layout';
import { countAtoms } from '../../core/crystens/reconstruct';
import { ColorBar } from '../heatmap/ColorBar';
import { type HeatmapOutline, MatrixHeatmap } from '../heatmap/MatrixHeatmap';
import type { ValueRange } from '../heatmap/paint';
import { LAYER_TITLES, sharedRange, tensorLayers } from './layers';
import { TensorAxis } from './TensorAxis';
import { axisSegments } from './zoom';
import './tensor.css';

/** One entry of a CrysTens. */
export interface TensorCell {
  readonly row: number;
  readonly col: number;
  readonly layer: number;
}

export interface CrysTensViewProps {
  /** A [64, 64, 4] channels-last tensor. Treated as immutable. */
  readonly tensor: Float32Array;
  /** The bounds the tensor was normalised with, to un-normalise the readout. */
  readonly normalization: Normalization;
  readonly title: string;
  /** Rows and columns shown from the top-left (zoom.ts): all 64 by default. */
  readonly side?: number;
  /** Colour range; by default [0, 1] widened to the tensor's own values. */
  readonly range?: ValueRange;
  /**
   * The hovered entry, for views that hover together (the comparison); together with onHoverChange. Left out,
   * the view keeps its own.
   */
  readonly hovered?: TensorCell | null;
  readonly onHoverChange?: (cell: TensorCell | null) => void;
}

/** Outlines of the header corner, the two header strips and the pair block of a tensor with A atoms. */
function regionOutlines(atomCount: number): HeatmapOutline[] {
  const corner = { row: 0, col: 0, rows: HEADER, columns: HEADER, label: 'header corner' };
  if (atomCount === 0) return [corner];
  return [
    corner,
    { row: 0, col: HEADER, rows: HEADER, columns: atomCount, label: 'header rows' },
    { row: HEADER, col: 0, rows: atomCount, columns: HEADER, label: 'header columns' },
    { row: HEADER, col: HEADER, rows: atomCount, columns: atomCount, label: `pair block, ${atomCount} atoms` },
  ];
}

/** Side of each layer's map in CSS pixels, zoomed or not. */
const MAP_SIDE = 256;

/**
 * The four layers of a CrysTens side by side (all of it, or its top-left `side` × `side` block), its regions
 * outlined, rows and columns named along the edges, with a readout of the hovered entry.
 */
export function CrysTensView({ tensor, normalization, title, side = SIZE, range, hovered, onHoverChange }: CrysTensViewProps) {
  const layers = useMemo(() => tensorLayers(tensor, side), [tensor, side]);
  const { atomCount, usedAngleFallback } = useMemo(() => countAtoms(tensor), [tensor]);
  const outlines = useMemo(() => regionOutlines(atomCount), [atomCount]);
  const ownRange = useMemo(() => range ?? sharedRange(tensor), [range, tensor]);
  const [ownHover, setOwnHover] = useState<TensorCell | null>(null);
  const cell = hovered === undefined ? ownHover : hovered;
  const setHover = (next: TensorCell | null) => {
    setOwnHover(next);
    onHoverChange?.(next);
  };

  const readout = cell
    ? describeEntry(tensor, normalization, atomCount, cell.row, cell.col, cell.layer)
    : 'Point at a cell, or focus a map and use the arrow keys, to read what it encodes.';
  const marker = cell && { row: cell.row, col: cell.col };
  const cellSize = MAP_SIDE / side;
  const segments = useMemo(() => axisSegments(side, atomCount), [side, atomCount]);
  const shown = side === SIZE ? '' : `, rows and columns 0–${side - 1} of ${SIZE}`;

  return (
    <section className="crystens-view" data-testid="tensor-view" aria-label={title}>
      <header className="crystens-view__header">
        <h2>{title}</h2>
        <span className="muted">
          {atomCount} {atomCount === 1 ? 'atom' : 'atoms'}
          {usedAngleFallback && ' (no presence mask: counted from the angles)'} · lengths over{' '}
          {normalization.lengthBound} Å
        </span>
      </header>
      <div className="crystens-view__layers">
        {layers.map((values, k) => (
          <figure key={k} className="crystens-view__layer">
            <figcaption>
              Layer {k} <span className="muted">· {LAYER_TITLES[k]}</span>
            </figcaption>
            <div className="crystens-view__map">
              <TensorAxis segments={segments} cellSize={cellSize} direction="columns" />
              <TensorAxis segments={segments} cellSize={cellSize} direction="rows" />
              <MatrixHeatmap
                values={values}
                rows={side}
                columns={side}
                range={ownRange}
                pixelSize={cellSize}
                outlines={outlines}
                marker={marker}
                onHover={(row, col) => setHover({ row, col, layer: k })}
                onLeave={() => setHover(null)}
                ariaLabel={`${title}, layer ${k}: ${LAYER_TITLES[k]}${shown}`}
                testId={`tensor-layer-${k}`}
              />
            </div>
          </figure>
        ))}
      </div>
      <div className="crystens-view__footer">
        <ColorBar range={ownRange} label="normalised value" />
        <p className={cell ? 'tensor-readout' : 'tensor-readout muted'} data-testid="tensor-readout" aria-live="polite">
          {readout}
        </p>
      </div>
    </section>
  );
}
