/**
 * The step-through's numbers on a real encoded crystal: cubic SrTiO3 (Pm-3m, a = 3.905 Å), clean and with noise
 * planted where its effect can be worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Crystal, Site } from '../../core/crystal';
import { encodeOrThrow } from '../../core/testing/hand-built';
import { atomRow, entryIndex, headerCopies, normalizationFor, Slot } from '../../core/crystens/layout';
import { PAPER_CLUSTERING, type ReconstructOptions, type ReconstructionTrace, reconstruct } from '../../core/crystens/reconstruct';
import { latticeFromParameters } from '../../core/lattice';
import { gaussian, seededRandom } from '../../core/random';
import {
  atomCountOf, atomicNumberClustering, availableSteps, coordinateClustering, fixed, lineDomain, pairLayer, spreadOf,
  spreadOfCopies, STEPS, voteDisagreement, votesFor,
} from './steps';

const site = (element: string, Z: number, frac: Site['frac']): Site => ({ element, Z, frac, occupancy: 1, label: element });

const SRTIO3: Crystal = {
  source: 'SrTiO3',
  lattice: latticeFromParameters({ a: 3.905, b: 3.905, c: 3.905, alpha: 90, beta: 90, gamma: 90 }),
  sites: [
    site('Sr', 38, [0, 0, 0]),
    site('Ti', 22, [0.5, 0.5, 0.5]),
    site('O', 8, [0.5, 0.5, 0]),
    site('O', 8, [0.5, 0, 0.5]),
    site('O', 8, [0, 0.5, 0.5]),
  ],
  spaceGroup: { detected: 221 },
  warnings: [],
};

const n = normalizationFor(10);

const tensor = () => encodeOrThrow(SRTIO3, n);

function traceOf(T: Float32Array, options?: ReconstructOptions): ReconstructionTrace {
  const r = reconstruct(T, n, options);
  if (!r.trace) throw new Error(r.ok ? 'no trace' : r.reason);
  return r.trace;
}

// Canonical order (Z, x, y, z): O(0, ½, ½), O(½, 0, ½), O(½, ½, 0), Ti, Sr.
const SR = 4;

// Raw Δx between O(0, ½, ½) and Sr(0, 0, 0) is 0; plant +0.2. Symmetrised, D[0, Sr] = +0.1 and D[Sr, 0] = −0.1, so
// O₀'s vote for Sr's x is 0 − 0.1 and Sr's vote for O₀'s x is 0 + 0.1; each mean of five votes moves by 0.02.
function planted(options?: ReconstructOptions): ReconstructionTrace {
  const T = tensor();
  T[entryIndex(atomRow(0), atomRow(SR), 1)] = (0.2 + 1) / 2;
  return traceOf(T, options);
}

describe('steps available', () => {
  it('a crystal shows all six steps', () => {
    expect(availableSteps(reconstruct(tensor(), n))).toEqual(STEPS.map((s) => s.id));
  });

  it('a tensor with no atoms shows its count, recounted from the tensor, and the reason', () => {
    const empty = new Float32Array(tensor().length);
    const r = reconstruct(empty, n);
    expect(r.ok).toBe(false);
    expect(availableSteps(r)).toEqual(['crystal']);
    expect(availableSteps(r, empty)).toEqual(['count', 'crystal']);
    expect(atomCountOf(r, empty)).toMatchObject({ atomCount: 0, usedAngleFallback: true });
  });

  it('a non-finite mask copy leaves nothing to count', () => {
    const T = tensor();
    T[headerCopies(Slot.MASK, 0)[0]!] = NaN;
    const r = reconstruct(T, n);
    expect(availableSteps(r, T)).toEqual(['crystal']);
  });

  it('a tensor without a lattice still shows the steps before the lattice', () => {
    const T = tensor();
    for (let s = 0; s < 5; s++) for (const i of headerCopies(Slot.ALPHA, s)) T[i] = 0;
    const r = reconstruct(T, n);
    expect(r.ok).toBe(false);
    expect(availableSteps(r, T)).toHaveLength(6);
  });
});

describe('atom count', () => {
  it('reads five occupied slots from the mask', () => {
    const count = atomCountOf(reconstruct(tensor(), n))!;
    expect(count.atomCount).toBe(5);
    expect(count.maskMeans.slice(0, 6)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(count.usedAngleFallback).toBe(false);
  });
});

describe('figures', () => {
  it('prints each kind at its precision, without a minus on a rounded zero', () => {
    expect(fixed(-0.00002, 'coordinate')).toBe('0.0000');
    expect(fixed(-0.00006, 'coordinate')).toBe('-0.0001');
    expect(fixed(-0.4, 'spaceGroup')).toBe('-0.40');
    expect(fixed(38.296, 'Z')).toBe('38.30');
  });
});

describe('spreads and number lines', () => {
  it('population standard deviation of a textbook sample', () => {
    expect(spreadOf([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, sd: 2, min: 2, max: 9 });
  });

  it("Sr's eight Z copies under planted noise: the spread of the copies the tensor holds", () => {
    const T = tensor();
    const planted = [-3, -1, -1, 0, 0, 1, 1, 3];
    headerCopies(Slot.Z, SR).forEach((i, k) => (T[i] = (38 + planted[k]!) / 118));
    const spread = spreadOfCopies(traceOf(T).atoms[SR]!.Z);
    expect(spread.mean).toBeCloseTo(38, 4);
    expect(spread.sd).toBeCloseTo(Math.sqrt(22 / 8), 4);
    expect(spread.min).toBeCloseTo(35, 4);
    expect(spread.max).toBeCloseTo(41, 4);
  });

  it('a number line widens identical values to its minimum width and pads 5%', () => {
    expect(lineDomain([0.5, 0.5], 0.1)).toEqual([expect.closeTo(0.445, 12), expect.closeTo(0.555, 12)]);
    const [lo, hi] = lineDomain([0.2, 0.4], 0.01, [0, 1]);
    expect(lo).toBeCloseTo(-0.05, 12);
    expect(hi).toBeCloseTo(1.05, 12);
  });
});

describe('symmetrisation and voting', () => {
  it('a clean tensor is already symmetric and every vote lands on the atom', () => {
    const trace = traceOf(tensor());
    for (const layer of ['distance', 'dx', 'dy', 'dz'] as const) expect(pairLayer(trace, layer).largestChange).toBeLessThan(1e-6);
    const sr = votesFor(trace, SR);
    expect(sr.map((a) => a.votes)).toEqual([[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]);
    expect(votesFor(trace, 3).map((a) => a.voted)).toEqual([0.5, 0.5, 0.5]);
    expect(Math.max(...voteDisagreement(trace))).toBeLessThan(1e-6);
  });

  it('the distance layer spans the body diagonal of the half cell, √3/2', () => {
    const layer = pairLayer(traceOf(tensor()), 'distance');
    expect(layer.range[0]).toBe(0);
    expect(layer.range[1]).toBeCloseTo(Math.sqrt(3) / 2, 6);
  });

  it('a planted Δx: symmetrisation halves it, and the votes show where it went', () => {
    const trace = planted();
    const dx = pairLayer(trace, 'dx');
    expect(dx.largestChange).toBeCloseTo(0.1, 6);
    expect(dx.range).toEqual([expect.closeTo(-0.5, 6), expect.closeTo(0.5, 6)]);
    const [x] = votesFor(trace, SR);
    expect(x!.votes.map((v) => Number(v.toFixed(6)))).toEqual([-0.1, 0, 0, 0, 0]);
    expect(x!.voted).toBeCloseTo(-0.02, 6);
    expect(x!.header).toBe(0);
    expect(x!.spread.sd).toBeCloseTo(0.04, 6);
    // Root mean square over x, y, z of the per-axis spread: only x disagrees.
    expect(voteDisagreement(trace)[SR]).toBeCloseTo(0.04 / Math.sqrt(3), 6);
    expect(votesFor(trace, 0)[0]!.voted).toBeCloseTo(0.02, 6);
  });
});

describe('K-means', () => {
  it("the paper's k on a clean tensor: as many clusters as distinct values, nothing moves", () => {
    const trace = traceOf(tensor(), PAPER_CLUSTERING);
    expect(atomicNumberClustering(trace)).toMatchObject({ choice: 'paper k = 3', k: 3, moved: [] });
    // Pooled coordinates hold only 0 and ½.
    expect(coordinateClustering(trace)).toMatchObject({ choice: 'paper k = 6, 2 used (2 distinct values)', k: 2, moved: [] });
  });

  it('Sr at Z = 38.3 rounds back to 38: one value moved by 0.3', () => {
    const T = tensor();
    for (const i of headerCopies(Slot.Z, SR)) T[i] = 38.3 / 118;
    const z = atomicNumberClustering(traceOf(T));
    expect(z.moved).toEqual([SR]);
    expect(z.largestMove).toBeCloseTo(0.3, 4);
    expect(z.meanMove).toBeCloseTo(0.3 / 5, 4);
  });

  it('two clusters pull the planted ±0.02 back to 0 and leave the halves', () => {
    const summary = coordinateClustering(planted({ kCoords: 2 }));
    // Sr's x (pooled index 3 · 4 + 0) and O₀'s x (index 0).
    expect(summary).toMatchObject({ choice: 'k = 2', k: 2, moved: [0, 12] });
    expect(summary.largestMove).toBeCloseTo(0.02, 6);
  });

  it('automatic k and no clustering are named as such', () => {
    const trace = planted({ kAtoms: 'none', kCoords: 'auto' });
    expect(atomicNumberClustering(trace)).toMatchObject({ choice: 'no clustering', k: undefined, moved: [] });
    const coords = coordinateClustering(trace);
    // −0.02, 0, 0.02 cannot share a centroid within 0.01: they stay apart, and the halves form the last cluster.
    expect(coords).toMatchObject({ choice: 'automatic k = 4', k: 4, moved: [] });
  });

  it('under Gaussian noise the coordinates move by about the vote spread', () => {
    const T = tensor();
    const noise = gaussian(seededRandom(7));
    for (let i = 0; i < T.length; i++) if (T[i] !== 0) T[i]! += 0.002 * noise();
    const moves = coordinateClustering(traceOf(T, { kCoords: 2 }));
    expect(moves.k).toBe(2);
    expect(moves.moved.length).toBeGreaterThan(10);
    expect(moves.largestMove).toBeLessThan(0.01);
  });
});
