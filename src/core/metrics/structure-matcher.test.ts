/**
 * The matcher against pymatgen's StructureMatcher(ltol=0.3, stol=0.5, angle_tol=10) on the pairs of
 * goldens/structure-matcher-pymatgen.json: real crystals of perov_5, carbon_24 and mp_40 against origin shifts,
 * permutations, supercells, other settings, perturbations, substitutions, polymorphs and each other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Crystal } from '../crystal';
import { initMoyoNode } from '../symmetry/moyo-node';
import {
  datasetRows,
  explicitCrystal,
  loadMatcherGoldens,
  type CrystalRef,
  type GoldenPair,
  type MatcherGoldens,
} from '../testing/matcher-goldens';
import { CDVAE_TOLERANCES, compareReduced, fitReduced, matchStructures, reduceCrystal } from './structure-matcher';

let goldens: MatcherGoldens;
let crystalOf: (ref: CrystalRef, source: string) => Crystal;

beforeAll(async () => {
  await initMoyoNode();
  goldens = loadMatcherGoldens();
  const rowsByDataset = new Map<string, number[]>();
  for (const p of goldens.pairs) {
    for (const ref of [p.a, p.b]) if ('dataset' in ref) rowsByDataset.set(ref.dataset, [...(rowsByDataset.get(ref.dataset) ?? []), ref.row]);
  }
  const rows = new Map([...rowsByDataset].map(([d, r]) => [d, datasetRows(goldens, d, r)]));
  crystalOf = (ref, source) => ('dataset' in ref ? rows.get(ref.dataset)!.get(ref.row)! : explicitCrystal(ref, source));
}, 60_000);

/**
 * Pairs where we cannot reproduce pymatgen, and why. The test fails when one of them starts to agree (stale) or a
 * new one appears.
 *
 * mp40:101 (Hf3Al3Pt3, a hexagonal cell with α = 120.0002°) with two sites' species exchanged: the verdict agrees
 * (no fit), but pymatgen finds an RMS of 0.442 where we find none below stol. pymatgen's Niggli step picks, among
 * the bases with the reduced parameters, the first its cell-list neighbour search returns; here that is one with
 * α = 120.0002° where ours has α = 119.9996°. The mean lattice of each candidate then lies on the other side of
 * 120°, where LLL reduction (round(−0.5 ± ε)) picks another basis, and the per-axis LLL tolerance that pymatgen
 * applies before the assignment excludes other site pairs. Only candidates with large displacements are affected.
 */
const KNOWN_DISAGREEMENTS = ['mp40:101 exchange sites 0 and 3: rms null, pymatgen 0.4419877414'];

function compare(p: GoldenPair) {
  const a = reduceCrystal(crystalOf(p.a, `${p.name} (a)`));
  const b = reduceCrystal(crystalOf(p.b, `${p.name} (b)`));
  return { full: compareReduced(a, b), fit: fitReduced(a, b) };
}

describe('structure matcher against pymatgen', () => {
  it('uses the tolerances the goldens were made with', () => {
    expect([goldens.ltol, goldens.stol, goldens.angle_tol]).toEqual([
      CDVAE_TOLERANCES.ltol,
      CDVAE_TOLERANCES.stol,
      CDVAE_TOLERANCES.angleTol,
    ]);
  });

  it('gives pymatgen\'s verdict on every golden pair, and its RMS and largest displacement within 1e-4 (one documented exception)', () => {
    const disagreements: string[] = [];
    for (const p of goldens.pairs) {
      const { full, fit } = compare(p);
      const problems: string[] = [];
      if (full.match !== p.fit || fit !== p.fit) problems.push(`fit ${full.match}/${fit}, pymatgen ${p.fit}`);
      if ((full.rms === null) !== (p.rms === null)) problems.push(`rms ${full.rms}, pymatgen ${p.rms}`);
      else if (full.rms !== null && Math.abs(full.rms - p.rms!) > 1e-4) problems.push(`rms ${full.rms}, pymatgen ${p.rms}`);
      if (full.maxDist !== null && p.max_dist !== null && Math.abs(full.maxDist - p.max_dist) > 1e-4) {
        problems.push(`max ${full.maxDist}, pymatgen ${p.max_dist}`);
      }
      if (problems.length) disagreements.push(`${p.name}: ${problems.join('; ')}`);
    }
    expect(disagreements).toEqual(KNOWN_DISAGREEMENTS);
  }, 120_000);

  it('covers every kind of pair with both verdicts', () => {
    const kinds = (fit: boolean) => new Set(goldens.pairs.filter((p) => p.fit === fit).map((p) => p.kind));
    expect(goldens.pairs.length).toBeGreaterThan(300);
    expect(kinds(true)).toEqual(new Set(['match', 'graded', 'data']));
    expect(kinds(false)).toEqual(new Set(['differ', 'graded', 'data']));
    // Pairs built to match do match in pymatgen, and pairs built to differ do not: the goldens test something.
    expect(goldens.pairs.filter((p) => p.kind === 'match' && !p.fit).map((p) => p.name)).toEqual([]);
    expect(goldens.pairs.filter((p) => p.kind === 'differ' && p.fit).map((p) => p.name)).toEqual([]);
  });

  it('matches a crystal with itself at zero displacement, and refuses a crystal without sites', () => {
    const p = goldens.pairs.find((x) => 'dataset' in x.a && x.a.dataset === 'perov5')!;
    const c = crystalOf(p.a, 'self');
    expect(matchStructures(c, c)).toEqual({ match: true, rms: expect.closeTo(0, 9), maxDist: expect.closeTo(0, 9) });
    expect(() => reduceCrystal({ ...c, sites: [] })).toThrow(RangeError);
  });
});
