/**
 * The numbers the reconstruction step-through shows beside its trace (spec §4, paper §3.2 and Fig. 3): which steps
 * a reconstruction can show, spreads of copies and votes, what symmetrisation and K-means changed, and the
 * precision every kind of value is printed at.
 */
import {
  type ClusterStep, type Copies, countAtoms, PAPER_K_ATOMS, PAPER_K_COORDS, type Reconstruction, type ReconstructionTrace,
} from '../../core/crystens/reconstruct';
import { COLORMAP_SIZE, cssColor, viridis } from '../heatmap/colormap';

export const STEPS = [
  { id: 'count', title: 'Atom count' },
  { id: 'average', title: 'Averaging' },
  { id: 'symmetrise', title: 'Symmetrisation' },
  { id: 'vote', title: 'Voting' },
  { id: 'cluster', title: 'K-means' },
  { id: 'crystal', title: 'Crystal' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

/** Decimal places each kind of value is printed with. */
export const DECIMALS = { Z: 2, coordinate: 4, length: 3, angle: 2, spaceGroup: 2, mask: 3 } as const;

export type Quantity = keyof typeof DECIMALS;

/** The value at its kind's precision; a tiny negative value reads 0.0000, not -0.0000. */
export function fixed(value: number, quantity: Quantity): string {
  const text = value.toFixed(DECIMALS[quantity]);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * Colour of item i of `count` ordered items (voters by slot, clusters by centroid): viridis from dark blue to
 * green, stopping short of its pale yellow end, which does not read on a white page.
 */
export function orderedColour(i: number, count: number): string {
  const t = count > 1 ? i / (count - 1) : 0;
  return cssColor(viridis, Math.round(t * 0.8 * (COLORMAP_SIZE - 1)));
}

/** The atom count (step 1) as the reconstruction found it. */
export type AtomCount = Pick<ReconstructionTrace, 'maskMeans' | 'atomCount' | 'usedAngleFallback'>;

/**
 * Step 1 from the trace, or, when the reconstruction stopped before it had one (no atoms), recounted from the
 * tensor, so that the studio can show why. A tensor whose mask copies are not finite has no count to show.
 */
export function atomCountOf(reconstruction: Reconstruction, tensor?: ArrayLike<number>): AtomCount | undefined {
  if (reconstruction.trace) return reconstruction.trace;
  if (!tensor) return undefined;
  const count = countAtoms(tensor);
  return count.maskMeans.every(Number.isFinite) ? count : undefined;
}

/** The steps this reconstruction can show, in order. The last is always there: the crystal, or the reason. */
export function availableSteps(reconstruction: Reconstruction, tensor?: ArrayLike<number>): StepId[] {
  if (reconstruction.trace) return STEPS.map((s) => s.id);
  return atomCountOf(reconstruction, tensor) ? ['count', 'crystal'] : ['crystal'];
}

export interface Spread {
  readonly mean: number;
  /** Population standard deviation, as the trace's variance. */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

export function spreadOf(values: readonly number[]): Spread {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, sd: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values) };
}

/** The spread of a value's copies, reusing the mean and variance the reconstruction recorded. */
export function spreadOfCopies(copies: Copies): Spread {
  return { mean: copies.mean, sd: Math.sqrt(copies.variance), min: Math.min(...copies.values), max: Math.max(...copies.values) };
}

/**
 * The interval a number line shows: every value and `include`, widened about its centre to at least `minWidth`
 * (so that identical copies do not collapse the scale) and padded by 5% on each side.
 */
export function lineDomain(values: readonly number[], minWidth: number, include: readonly number[] = []): [number, number] {
  const all = [...values, ...include];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < minWidth) {
    const centre = (lo + hi) / 2;
    lo = centre - minWidth / 2;
    hi = centre + minWidth / 2;
  }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/** The global values of step 2, each averaged over its 8A copies. */
export const GLOBAL_QUANTITIES = [
  { key: 'a', label: 'a', unit: 'Å', quantity: 'length' },
  { key: 'b', label: 'b', unit: 'Å', quantity: 'length' },
  { key: 'c', label: 'c', unit: 'Å', quantity: 'length' },
  { key: 'alpha', label: 'α', unit: '°', quantity: 'angle' },
  { key: 'beta', label: 'β', unit: '°', quantity: 'angle' },
  { key: 'gamma', label: 'γ', unit: '°', quantity: 'angle' },
  { key: 'spaceGroup', label: 'space group', unit: '', quantity: 'spaceGroup' },
] as const;

export type GlobalKey = (typeof GLOBAL_QUANTITIES)[number]['key'];

export function globalCopies(trace: ReconstructionTrace, key: GlobalKey): Copies {
  return key === 'spaceGroup' ? trace.spaceGroup : trace.lattice[key];
}

/** The four layers of the pair block (spec §1): distance L, then the signed differences D along x, y, z. */
export const PAIR_LAYERS = [
  { id: 'distance', label: 'Distance L' },
  { id: 'dx', label: 'Δx' },
  { id: 'dy', label: 'Δy' },
  { id: 'dz', label: 'Δz' },
] as const;

export type PairLayerId = (typeof PAIR_LAYERS)[number]['id'];

export interface PairLayer {
  /** Row-major A×A, physical units. */
  readonly raw: Float64Array;
  readonly symmetrised: Float64Array;
  /** The largest |raw − symmetrised| entry: how far the tensor was from the symmetry it should have. */
  readonly largestChange: number;
  /** One colour range for both blocks: [0, max] for distances, symmetric about 0 for the signed differences. */
  readonly range: readonly [number, number];
}

export function pairLayer(trace: ReconstructionTrace, layer: PairLayerId): PairLayer {
  const d = layer === 'distance' ? -1 : PAIR_LAYERS.findIndex((l) => l.id === layer) - 1;
  const raw = d < 0 ? trace.rawDistance : trace.rawDelta[d as 0 | 1 | 2];
  const symmetrised = d < 0 ? trace.distance : trace.delta[d as 0 | 1 | 2];
  let largestChange = 0;
  let largest = 0;
  for (let k = 0; k < raw.length; k++) {
    largestChange = Math.max(largestChange, Math.abs(raw[k]! - symmetrised[k]!));
    largest = Math.max(largest, Math.abs(raw[k]!), Math.abs(symmetrised[k]!));
  }
  // An all-zero block (one atom, or atoms on one line) still needs a range with a width.
  const top = largest > 0 ? largest : 1;
  return { raw, symmetrised, largestChange, range: d < 0 ? [0, top] : [-top, top] };
}

export const AXES = ['x', 'y', 'z'] as const;

/** Every vote for one coordinate of one atom (Fig. 3), with the voted mean and the header coordinate. */
export interface AxisVotes {
  readonly axis: (typeof AXES)[number];
  /** votes[i] is atom i's vote p_ij = f_i − D_ij; votes[j] is atom j's own (averaged header) coordinate. */
  readonly votes: number[];
  readonly voted: number;
  readonly header: number;
  readonly spread: Spread;
}

export function votesFor(trace: ReconstructionTrace, j: number): AxisVotes[] {
  const A = trace.atomCount;
  const atom = trace.atoms[j]!;
  const headers = [atom.x.mean, atom.y.mean, atom.z.mean];
  return AXES.map((axis, d) => {
    const votes = Array.from({ length: A }, (_, i) => trace.votes[(i * A + j) * 3 + d]!);
    return { axis, votes, voted: trace.voted[j]![d]!, header: headers[d]!, spread: spreadOf(votes) };
  });
}

/**
 * Per atom, how much its A votes disagree: the root mean square distance of the votes from the voted position,
 * over the three axes (0 for a clean tensor, whose every vote lands on the atom).
 */
export function voteDisagreement(trace: ReconstructionTrace): number[] {
  return trace.voted.map((_, j) => {
    const axes = votesFor(trace, j);
    return Math.sqrt(axes.reduce((s, a) => s + a.spread.sd ** 2, 0) / axes.length);
  });
}

/** What one K-means step of step 5 did. */
export interface ClusterSummary {
  /** How k was chosen, in words: "paper k = 3", "k = 4, 2 used (2 distinct values)", "automatic k = 2", "no clustering". */
  readonly choice: string;
  /** The number of clusters used; fewer than asked when there are fewer distinct values. Undefined without clustering. */
  readonly k?: number;
  /** Indices of the values whose change shows at the printed precision. */
  readonly moved: number[];
  readonly largestMove: number;
  readonly meanMove: number;
}

function choiceInWords(step: ClusterStep, paperK: number): string {
  const used = step.clustering?.k;
  if (step.choice === 'none' || used === undefined) return 'no clustering';
  if (step.choice === 'auto') return `automatic k = ${used}`;
  const asked = step.choice === paperK ? `paper k = ${paperK}` : `k = ${step.choice}`;
  return used < step.choice ? `${asked}, ${used} used (${used} distinct values)` : asked;
}

function summarise(step: ClusterStep, paperK: number, quantity: Quantity): ClusterSummary {
  const threshold = 0.5 * 10 ** -DECIMALS[quantity];
  const moves = step.before.map((v, i) => Math.abs(step.after[i]! - v));
  return {
    choice: choiceInWords(step, paperK),
    k: step.clustering?.k,
    moved: moves.flatMap((m, i) => (m >= threshold ? [i] : [])),
    largestMove: moves.length > 0 ? Math.max(...moves) : 0,
    meanMove: moves.length > 0 ? moves.reduce((s, m) => s + m, 0) / moves.length : 0,
  };
}

/** Step 5 on the averaged atomic numbers (after: rounded centroids). */
export function atomicNumberClustering(trace: ReconstructionTrace): ClusterSummary {
  return summarise(trace.atomicNumbers, PAPER_K_ATOMS, 'Z');
}

/** Step 5 on the pooled voted coordinates x₁, y₁, z₁, x₂, … (after: centroids). */
export function coordinateClustering(trace: ReconstructionTrace): ClusterSummary {
  return summarise(trace.coordinates, PAPER_K_COORDS, 'coordinate');
}
