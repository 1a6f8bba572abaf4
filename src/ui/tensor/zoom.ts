/**
 * Zoom of the Tensor panel's heatmaps to the occupied block: the 12 header rows and columns and the atom slots in
 * use (crystens-spec.md §1), the top-left corner of the 64 × 64 CrysTens. For a 5–8-atom crystal the rest, about
 * 90 % of each map, is padding. The researcher's choice is kept while crystals and samples change; until there
 * is one, small crystals are zoomed.
 */
import { create } from 'zustand';
import { SLOT_NAMES } from '../../core/crystens/describe';
import { HEADER, SIZE } from '../../core/crystens/layout';

/** Zoomed by default while the occupied block is at most half the tensor's side. */
export const ZOOM_BY_DEFAULT_UP_TO_ATOMS = SIZE / 2 - HEADER;

interface TensorZoomState {
  /** The researcher's choice; undefined until they make one. */
  readonly zoomed?: boolean;
  readonly setZoomed: (zoomed: boolean) => void;
}

export const useTensorZoomStore = create<TensorZoomState>()((set) => ({
  setZoomed: (zoomed) => set({ zoomed }),
}));

/** Whether the maps are zoomed: the researcher's choice, else by the largest atom count shown. */
export function isZoomed(choice: boolean | undefined, atomCount: number): boolean {
  return choice ?? atomCount <= ZOOM_BY_DEFAULT_UP_TO_ATOMS;
}

/** Rows (and columns) shown from the top-left: the header and the atom slots in use when zoomed, else all 64. */
export function shownSide(zoomed: boolean, atomCount: number): number {
  return zoomed ? Math.min(SIZE, HEADER + atomCount) : SIZE;
}

/** Header slot names as short as a cell allows (spec §1 order). */
const SLOT_TICKS = ['Z', 'x', 'y', 'z', 'a', 'b', 'c', 'α', 'β', 'γ', 'sg', 'm'] as const;

/** A labelled run of rows (or columns) along a map's edge: `length` cells from `start`. */
export interface AxisSegment {
  readonly start: number;
  readonly length: number;
  /** As short as the run's cells allow. */
  readonly text: string;
  /** In words, for the tooltip. */
  readonly title: string;
}

/**
 * What the edge of a map `side` cells long names, for a tensor with `atomCount` atoms. Atoms are numbered from 1,
 * as the hover readout, the vote table and the CIF labels number them. Zoomed in (side ≤ 32), each cell gets its
 * own label; the whole tensor is labelled by region (header, atoms, empty slots).
 */
export function axisSegments(side: number, atomCount: number): AxisSegment[] {
  const atoms = Math.min(atomCount, side - HEADER);
  if (side <= SIZE / 2) {
    return [
      ...SLOT_TICKS.slice(0, Math.min(HEADER, side)).map((text, h) => ({ start: h, length: 1, text, title: `${h}: ${SLOT_NAMES[h]}` })),
      ...Array.from({ length: Math.max(0, side - HEADER) }, (_, s) => ({
        start: HEADER + s, length: 1, text: String(s + 1), title: `${HEADER + s}: ${s < atoms ? 'atom' : 'empty slot'} ${s + 1}`,
      })),
    ];
  }
  const segments: AxisSegment[] = [{ start: 0, length: HEADER, text: 'header', title: `0–${HEADER - 1}: header` }];
  if (atoms > 0) {
    const last = HEADER + atoms - 1;
    const range = atoms === 1 ? '1' : `1–${atoms}`;
    segments.push({ start: HEADER, length: atoms, text: range, title: `${HEADER}–${last}: ${atoms === 1 ? 'atom' : 'atoms'} ${range}` });
  }
  if (HEADER + atoms < side) {
    segments.push({ start: HEADER + atoms, length: side - HEADER - atoms, text: 'empty', title: `${HEADER + atoms}–${side - 1}: empty slots` });
  }
  return segments;
}
