/**
 * Reconstruction under noise, and the choice of k. Noise is Gaussian, in normalised units, on every entry.
 *
 * Atomic numbers are stored as Z/118 (spec §3), so σ = 0.01 is σ = 1.18 in Z per copy and 0.42 after averaging
 * the 8 copies: elements cannot survive it (a quarter of the atoms round to a neighbour). Atom counts and
 * positions do; elements survive up to σ ≈ 0.003. The tests below pin these limits down.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Crystal } from '../crystal';
import { ingestFile } from '../ingest/ingest';
import { initMoyoNode } from '../symmetry/moyo-node';
import { DATASETS } from '../testing/corpus';
import { encodeOrThrow } from '../testing/hand-built';
import { gaussian, seededRandom } from '../random';
import { canonicalOrder } from './encode';
import { type Normalization, normalizationFor } from './layout';
import { DEFAULT_CLUSTERING, PAPER_CLUSTERING, type ReconstructOptions, reconstruct } from './reconstruct';
import { withDetectedSpaceGroup } from '../symmetry/crystal-symmetry';

let crystals: Crystal[] = [];
let n: Normalization;

beforeAll(async () => {
  await initMoyoNode();
  crystals = [DATASETS.perov5, DATASETS.carbon24, DATASETS.mp40].flatMap((p) =>
    ingestFile({ name: p, bytes: readFileSync(p) }).slice(0, 60).flatMap((e) => (e.ok ? [e.crystal] : [])),
  );
  n = normalizationFor(Math.max(...crystals.flatMap((c) => [c.lattice.a, c.lattice.b, c.lattice.c])));
});

interface Outcome { countKept: boolean; elementsKept: boolean; maxMove: number }

function underNoise(crystal: Crystal, sigma: number, seed: number, options: ReconstructOptions): Outcome {
  const noise = gaussian(seededRandom(seed));
  const r = reconstruct(encodeOrThrow(crystal, n).map((v) => v + sigma * noise()), n, options);
  if (!r.ok) return { countKept: false, elementsKept: false, maxMove: Infinity };
  const sites = canonicalOrder(crystal.sites);
  let maxMove = 0;
  r.trace.coordinates.after.forEach((v, i) => {
    const d = Math.abs(v - sites[Math.floor(i / 3)]!.frac[i % 3]!);
    maxMove = Math.max(maxMove, Math.min(d % 1, 1 - (d % 1)));
  });
  return {
    countKept: r.trace.atomCount === sites.length,
    elementsKept: r.trace.atomicNumbers.after.every((z, i) => z === sites[i]!.Z),
    maxMove,
  };
}

const NONE = { kAtoms: 'none', kCoords: 'none' } as const;
const share = (outcomes: Outcome[], test: (o: Outcome) => boolean) => outcomes.filter(test).length / outcomes.length;

describe('reconstruction under noise', () => {
  it('σ = 0.01 keeps every atom count and puts (almost) every site within 0.02', () => {
    const outcomes = crystals.map((c, i) => underNoise(c, 0.01, i + 1, NONE));
    expect(share(outcomes, (o) => o.countKept)).toBe(1);
    expect(share(outcomes, (o) => o.maxMove <= 0.02)).toBeGreaterThanOrEqual(0.97);
    expect(Math.max(...outcomes.map((o) => o.maxMove))).toBeLessThan(0.03);
  });

  it('keeps the elements up to σ = 0.002, and shows where they break', () => {
    const elementsKept = (sigma: number) => share(crystals.map((c, i) => underNoise(c, sigma, 1000 + i, NONE)), (o) => o.elementsKept);
    expect(elementsKept(0.002)).toBe(1);
    // Beyond: σ_Z = 118σ/√8 per atom, and a crystal of A atoms keeps its elements with probability P(|N| < 0.5/σ_Z)^A.
    expect(elementsKept(0.005)).toBeLessThan(0.95);
    expect(elementsKept(0.01)).toBeLessThan(0.5);
  });
});

describe('the choice of k', () => {
  const find = (predicate: (c: Crystal) => boolean) => {
    const c = crystals.find(predicate);
    if (!c) throw new Error('no such crystal in the data');
    return c;
  };
  const elements = (c: Crystal) => new Set(c.sites.map((s) => s.element)).size;

  it("the paper's k = 3 pools the atoms of one element, so a ternary perovskite keeps its elements more often", () => {
    const perovskite = find((c) => c.sites.length === 5 && elements(c) === 3);
    const seeds = Array.from({ length: 60 }, (_, i) => i + 1);
    const kept = (options: ReconstructOptions) => share(seeds.map((s) => underNoise(perovskite, 0.006, s, options)), (o) => o.elementsKept);
    // The three O atoms share a centroid (their error shrinks by √3); Sr and Ti stand alone and gain nothing.
    expect(kept({ kAtoms: 3, kCoords: 'none' })).toBeGreaterThan(kept(NONE));
    expect(kept({ kAtoms: 3, kCoords: 'none' })).toBeGreaterThanOrEqual(0.9);
  });

  it('the automatic k pools only what the symmetry search would: a distorted perovskite keeps its space group', () => {
    const distorted = crystals.filter((c) => c.sites.length === 5 && c.spaceGroup.detected !== 221);
    expect(distorted.length).toBeGreaterThan(20);
    const groupBack = (c: Crystal, options: ReconstructOptions) => {
      const r = reconstruct(encodeOrThrow(c, n), n, options);
      return r.ok ? withDetectedSpaceGroup(r.crystal).spaceGroup.detected : undefined;
    };
    expect(distorted.filter((c) => groupBack(c, DEFAULT_CLUSTERING) !== c.spaceGroup.detected)).toEqual([]);
    // The paper's k = 6 idealises some of them (a tilt's small offsets join the 0 and 1/2 clusters).
    expect(distorted.filter((c) => groupBack(c, PAPER_CLUSTERING) !== c.spaceGroup.detected).length).toBeGreaterThan(0);
  });

  it('a fixed k = 3 cannot hold a quaternary compound; the automatic k does', () => {
    const quaternary = find((c) => elements(c) === 4);
    expect(underNoise(quaternary, 0, 1, { kAtoms: 3, kCoords: 'none' }).elementsKept).toBe(false);
    expect(underNoise(quaternary, 0, 1, { kAtoms: 'auto', kCoords: 'none' }).elementsKept).toBe(true);
  });

  it("k = 6 moves the atoms of a low-symmetry carbon cell (the paper's limitation); the automatic k does not", () => {
    const carbon = find((c) => c.sites.length >= 16 && c.sites.every((s) => s.element === 'C'));
    expect(underNoise(carbon, 0, 1, { kAtoms: 1, kCoords: 6 }).maxMove).toBeGreaterThan(0.02);
    expect(underNoise(carbon, 0, 1, { kAtoms: 'auto', kCoords: 'auto' }).maxMove).toBeLessThanOrEqual(0.01);
  });
});
