/**
 * CrysTens → crystal (spec §4, paper §3.2 and Fig. 3), recording every step for the studio to step through.
 */
import { cifSiteLabels } from '../cif/site-labels';
import type { Crystal, Site, Vec3 } from '../crystal';
import { elementByZ } from '../elements';
import { latticeFromParameters, type Lattice, volume, wrapFrac } from '../lattice';
import { periodicDistance } from '../pbc';
import { type Clustering, kmeans1d, kmeans1dAuto } from './kmeans1d';
import {
  atomRow, denorm, denormHeader, entryIndex, headerCopies, LATTICE_SLOTS, MAX_ATOMS, type Normalization, Slot,
} from './layout';

/** A fixed k (the paper: 3 for atomic numbers, 6 for coordinates), 'auto', or 'none' (no clustering). */
export type ClusterChoice = number | 'auto' | 'none';

export interface ReconstructOptions {
  readonly kAtoms?: ClusterChoice;
  readonly kCoords?: ClusterChoice;
}

export const PAPER_K_ATOMS = 3;
export const PAPER_K_COORDS = 6;
/** The paper's reconstruction ("paper mode"): fixed k = 3 and k = 6. */
export const PAPER_CLUSTERING: Required<ReconstructOptions> = { kAtoms: PAPER_K_ATOMS, kCoords: PAPER_K_COORDS };
/**
 * The default: automatic k for both, chosen so that a real tensor decodes back to its own crystal. Measured on the
 * 3,787 perov_5 val tensors, against the real crystals, K–S D of the detected space group: paper k 0.291 (and Z
 * 0.031: 14 % of perovskites turn into other compositions), automatic k with a 0.01 fractional tolerance 0.316
 * (snapping distorted perovskites to higher symmetry), automatic k with the Ångström tolerance below: 0.0003.
 */
export const DEFAULT_CLUSTERING: Required<ReconstructOptions> = { kAtoms: 'auto', kCoords: 'auto' };
/** Automatic k: every averaged atomic number within 0.3 of its centroid. Below half a unit, so that neighbouring
 *  elements (C and N: centroid 6.5, each 0.5 away) never share a cluster. */
export const AUTO_TOLERANCE_Z = 0.3;
/**
 * Automatic k: every coordinate within this distance (Å, along the longest cell edge) of its centroid: a tenth of
 * the symmetry tolerance (0.01 Å), so that clustering removes float noise but never invents symmetry. A fractional
 * 0.01 (0.04–0.08 Å in a perovskite cell) idealised tilted perovskites; 0.005 Å still raised 2 of 53 distorted ones
 * (P mm2 → P mmm); 0.001 Å leaves K–S D 0.0003 on the space groups of the 3,787 perov_5 val crystals.
 */
export const AUTO_TOLERANCE_COORD_ANGSTROM = 0.001;
/** Sites of one element closer than this (Å) after reconstruction are one atom. */
export const RECONSTRUCTION_MERGE_TOLERANCE = 0.5;

/** The repeated copies of one value, in physical units, with their mean and (population) variance. */
export interface Copies {
  readonly values: number[];
  readonly mean: number;
  readonly variance: number;
}

export interface AtomHeader {
  readonly Z: Copies;
  readonly x: Copies;
  readonly y: Copies;
  readonly z: Copies;
}

export interface ClusterStep {
  readonly choice: ClusterChoice;
  readonly before: number[];
  readonly after: number[];
  readonly clustering?: Clustering;
}

export interface ReconstructionTrace {
  /** Step 1: mean mask copy per slot; A = leading slots at or above 0.5 (or the angle fallback). */
  readonly maskMeans: number[];
  readonly atomCount: number;
  readonly usedAngleFallback: boolean;
  /** Step 2: per-atom and global copies. */
  readonly atoms: AtomHeader[];
  readonly lattice: Record<'a' | 'b' | 'c' | 'alpha' | 'beta' | 'gamma', Copies>;
  readonly spaceGroup: Copies;
  readonly spaceGroupNumber: number;
  /** Step 3, physical units, row-major A×A: raw and symmetrised pair block (distance and Δx, Δy, Δz). */
  readonly rawDistance: Float64Array;
  readonly distance: Float64Array;
  readonly rawDelta: [Float64Array, Float64Array, Float64Array];
  readonly delta: [Float64Array, Float64Array, Float64Array];
  /** Step 4: votes[(i * A + j) * 3 + d] is atom i's vote for atom j's coordinate d; voted[j] is their mean. */
  readonly votes: Float64Array;
  readonly voted: Vec3[];
  /** Step 5. */
  readonly atomicNumbers: ClusterStep;
  readonly coordinates: ClusterStep;
}

export type Reconstruction =
  | {
      readonly ok: true;
      readonly crystal: Crystal;
      readonly trace: ReconstructionTrace;
      readonly warnings: string[];
      /** The atom (slot, from 0) each of the crystal's sites came from; an atom merged into another has no site. */
      readonly siteAtoms: readonly number[];
    }
  | { readonly ok: false; readonly failure: DecodeFailure; readonly reason: string; readonly trace?: ReconstructionTrace };

/** Why a tensor gave no crystal, as a category to count (the reason says the particulars). */
export const DECODE_FAILURES = ['non-finite', 'no-atoms', 'no-lattice'] as const;
export type DecodeFailure = (typeof DECODE_FAILURES)[number];

function copies(values: number[]): Copies {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / values.length;
  return { values, mean, variance };
}

function meanOf(T: ArrayLike<number>, indices: number[]): number {
  let s = 0;
  for (const i of indices) s += T[i]!;
  return s / indices.length;
}

/** Step 1: the number of atoms. */
export function countAtoms(T: ArrayLike<number>): { maskMeans: number[]; atomCount: number; usedAngleFallback: boolean } {
  const maskMeans = Array.from({ length: MAX_ATOMS }, (_, s) => meanOf(T, headerCopies(Slot.MASK, s)));
  let atomCount = maskMeans.findIndex((m) => m < 0.5);
  if (atomCount < 0) atomCount = MAX_ATOMS;
  // A tensor made by another tool has no mask: count the leading slots whose angles are clearly there (> 9°).
  const usedAngleFallback = maskMeans.every((m) => m < 0.1);
  if (usedAngleFallback) {
    atomCount = 0;
    while (
      atomCount < MAX_ATOMS &&
      [Slot.ALPHA, Slot.BETA, Slot.GAMMA].every((h) => meanOf(T, headerCopies(h, atomCount)) > 0.05)
    ) atomCount++;
  }
  return { maskMeans, atomCount, usedAngleFallback };
}

function cluster(values: number[], choice: ClusterChoice, tolerance: number, round: (v: number) => number): ClusterStep {
  if (choice === 'none') return { choice, before: values, after: values.map(round) };
  const clustering = choice === 'auto' ? kmeans1dAuto(values, tolerance) : kmeans1d(values, choice);
  return { choice, before: values, after: values.map((_, i) => round(clustering.centroids[clustering.assignment[i]!]!)), clustering };
}

/** Reconstructs one tensor. Never throws: a tensor that gives no crystal gives a reason. */
export function reconstruct(T: ArrayLike<number>, n: Normalization, options: ReconstructOptions = {}, source = 'generated'): Reconstruction {
  const kAtoms = options.kAtoms ?? DEFAULT_CLUSTERING.kAtoms;
  const kCoords = options.kCoords ?? DEFAULT_CLUSTERING.kCoords;
  for (let i = 0; i < T.length; i++) {
    if (!Number.isFinite(T[i]!)) return { ok: false, failure: 'non-finite', reason: `the tensor holds a non-finite value (${T[i]}) at entry ${i}` };
  }
  const { maskMeans, atomCount: A, usedAngleFallback } = countAtoms(T);
  if (A === 0) return { ok: false, failure: 'no-atoms', reason: 'no atoms: every presence-mask copy is below 0.5' };

  // Step 2: un-normalise and average the repeated values.
  const headerValue = (h: number, s: number) => headerCopies(h, s).map((i) => denormHeader(h, T[i]!, n));
  const atoms: AtomHeader[] = [];
  for (let s = 0; s < A; s++) {
    atoms.push({ Z: copies(headerValue(Slot.Z, s)), x: copies(headerValue(Slot.X, s)), y: copies(headerValue(Slot.Y, s)), z: copies(headerValue(Slot.Z_COORD, s)) });
  }
  const global = (h: number) => copies(Array.from({ length: A }, (_, s) => headerValue(h, s)).flat());
  const [a, b, c, alpha, beta, gamma] = LATTICE_SLOTS.map(global) as [Copies, Copies, Copies, Copies, Copies, Copies];
  const spaceGroup = global(Slot.SPACE_GROUP);
  const spaceGroupNumber = Math.min(230, Math.max(1, Math.round(spaceGroup.mean)));

  // Step 3: the pair block, raw and symmetrised.
  const rawDistance = new Float64Array(A * A);
  const rawDelta: [Float64Array, Float64Array, Float64Array] = [new Float64Array(A * A), new Float64Array(A * A), new Float64Array(A * A)];
  for (let i = 0; i < A; i++) {
    for (let j = 0; j < A; j++) {
      const base = entryIndex(atomRow(i), atomRow(j), 0);
      rawDistance[i * A + j] = denorm.distance(T[base]!);
      for (let d = 0; d < 3; d++) rawDelta[d]![i * A + j] = denorm.delta(T[base + 1 + d]!);
    }
  }
  const distance = new Float64Array(A * A);
  const delta: [Float64Array, Float64Array, Float64Array] = [new Float64Array(A * A), new Float64Array(A * A), new Float64Array(A * A)];
  for (let i = 0; i < A; i++) {
    for (let j = 0; j < A; j++) {
      distance[i * A + j] = (rawDistance[i * A + j]! + rawDistance[j * A + i]!) / 2;
      for (let d = 0; d < 3; d++) delta[d]![i * A + j] = (rawDelta[d]![i * A + j]! - rawDelta[d]![j * A + i]!) / 2;
    }
  }

  // Step 4: every atom votes for every atom's position (Fig. 3); the position is the mean vote.
  const header: Vec3[] = atoms.map((t) => [t.x.mean, t.y.mean, t.z.mean]);
  const votes = new Float64Array(A * A * 3);
  const voted: Vec3[] = [];
  for (let j = 0; j < A; j++) {
    const sum = [0, 0, 0];
    for (let i = 0; i < A; i++) {
      for (let d = 0; d < 3; d++) {
        const vote = i === j ? header[j]![d]! : header[i]![d]! - delta[d]![i * A + j]!;
        votes[(i * A + j) * 3 + d] = vote;
        sum[d]! += vote;
      }
    }
    voted.push([sum[0]! / A, sum[1]! / A, sum[2]! / A]);
  }

  // Step 5: K-means on atomic numbers and on the pooled coordinates.
  const atomicNumbers = cluster(atoms.map((t) => t.Z.mean), kAtoms, AUTO_TOLERANCE_Z, (v) => Math.min(118, Math.max(1, Math.round(v))));
  const longestEdge = Math.max(a.mean, b.mean, c.mean);
  const coordTolerance = longestEdge > 0 ? AUTO_TOLERANCE_COORD_ANGSTROM / longestEdge : AUTO_TOLERANCE_COORD_ANGSTROM;
  const coordinates = cluster(voted.flat(), kCoords, coordTolerance, (v) => v);

  const trace: ReconstructionTrace = {
    maskMeans, atomCount: A, usedAngleFallback, atoms, lattice: { a, b, c, alpha, beta, gamma }, spaceGroup, spaceGroupNumber,
    rawDistance, distance, rawDelta, delta, votes, voted, atomicNumbers, coordinates,
  };

  // Step 6: wrap, build the lattice, merge coincident sites of one element.
  let lattice: Lattice;
  try {
    lattice = latticeFromParameters({ a: a.mean, b: b.mean, c: c.mean, alpha: alpha.mean, beta: beta.mean, gamma: gamma.mean });
  } catch (e) {
    return { ok: false, failure: 'no-lattice', reason: `no lattice: ${e instanceof Error ? e.message : String(e)}`, trace };
  }
  if (!(volume(lattice) > 1e-6)) return { ok: false, failure: 'no-lattice', reason: 'the lattice has no volume', trace };
  const warnings: string[] = [];
  // Each kept site with the atom (slot) it came from; warnings name atoms by number, as the steps before do.
  const kept: (Omit<Site, 'label'> & { readonly atom: number })[] = [];
  for (let j = 0; j < A; j++) {
    const Z = atomicNumbers.after[j]!;
    const element = elementByZ(Z)!;
    const frac: Vec3 = [wrapFrac(coordinates.after[3 * j]!), wrapFrac(coordinates.after[3 * j + 1]!), wrapFrac(coordinates.after[3 * j + 2]!)];
    const near = kept.filter((s) => periodicDistance(lattice, s.frac, frac) < RECONSTRUCTION_MERGE_TOLERANCE);
    const twin = near.find((s) => s.Z === Z);
    if (twin) {
      warnings.push(`atom ${j + 1} (${element.symbol}) falls on atom ${twin.atom + 1} and was merged`);
      continue;
    }
    // Two elements on one spot are kept (the crystal is then structurally invalid, and validity says so).
    for (const other of near) {
      warnings.push(`atom ${j + 1} (${element.symbol}) lies within ${RECONSTRUCTION_MERGE_TOLERANCE} Å of atom ${other.atom + 1} (${other.element})`);
    }
    kept.push({ element: element.symbol, Z, frac, occupancy: 1, atom: j });
  }
  // Labelled as the exported CIF labels them, so that a site reads the same in the studio and in the file.
  const labels = cifSiteLabels(kept);
  const sites: Site[] = kept.map(({ atom, ...site }, i) => ({ ...site, label: labels[i]! }));
  const crystal: Crystal = { source, lattice, sites, spaceGroup: { predicted: spaceGroupNumber }, warnings };
  return { ok: true, crystal, trace, warnings, siteAtoms: kept.map((s) => s.atom) };
}
