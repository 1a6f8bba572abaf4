/** A hand-built two-atom crystal's tensor, checked entry by entry against crystens-spec.md §1–§3. */
import { describe, expect, it } from 'vitest';
import { encodeOrThrow, handBuiltCrystal } from '../testing/hand-built';
import { encodeCrystal } from './encode';
import { ENTRIES, entryIndex } from './layout';
import { crystalMetrics } from './metrics';
import { reconstruct } from './reconstruct';

const n = { lengthBound: 10 };
// Cl listed first: the encoder sorts by Z, so Na (11) takes slot 0 and Cl (17) slot 1.
const crystal = handBuiltCrystal({ a: 4, b: 5, c: 6, alpha: 90, beta: 100, gamma: 90 }, [
  ['Cl', [0.6, 0.7, 0.8]],
  ['Na', [0.1, 0.2, 0.3]],
], 6);

const encoded = () => encodeOrThrow(crystal, n);

describe('CrysTens layout', () => {
  it('holds exactly the values of the spec, and zero everywhere else', () => {
    const T = encoded();
    const expected = new Float32Array(ENTRIES);
    const header = (Z: number, f: number[]) => [Z / 118, f[0]!, f[1]!, f[2]!, 0.4, 0.5, 0.6, 0.5, 100 / 180, 0.5, 6 / 230, 1];
    const atoms = [header(11, [0.1, 0.2, 0.3]), header(17, [0.6, 0.7, 0.8])];
    atoms.forEach((values, s) => {
      values.forEach((v, h) => {
        for (let k = 0; k < 4; k++) {
          expected[entryIndex(h, 12 + s, k)] = v;
          expected[entryIndex(12 + s, h, k)] = v;
        }
      });
    });
    // Pair block: ‖f_Na − f_Cl‖ = √0.75, over √3 = 0.5; Δ = −0.5 ↦ 0.25 and +0.5 ↦ 0.75; the diagonal Δ = 0 ↦ 0.5.
    expected[entryIndex(12, 13, 0)] = 0.5;
    expected[entryIndex(13, 12, 0)] = 0.5;
    for (let d = 1; d <= 3; d++) {
      expected[entryIndex(12, 13, d)] = 0.25;
      expected[entryIndex(13, 12, d)] = 0.75;
      expected[entryIndex(12, 12, d)] = 0.5;
      expected[entryIndex(13, 13, d)] = 0.5;
    }
    const differing: string[] = [];
    for (let i = 0; i < ENTRIES; i++) {
      if (Math.abs(T[i]! - expected[i]!) > 1e-6) {
        const [r, c, k] = [Math.floor(i / 256), Math.floor(i / 4) % 64, i % 4];
        differing.push(`[${r}, ${c}, ${k}] = ${T[i]} (spec: ${expected[i]})`);
      }
    }
    expect(differing).toEqual([]);
    expect(T.filter((v) => v !== 0)).toHaveLength(206);
  });

  it('refuses what it cannot hold, with a reason', () => {
    const many = { ...crystal, sites: Array.from({ length: 53 }, (_, i) => ({ ...crystal.sites[0]!, frac: [i / 53, 0, 0] as const })) };
    expect(encodeCrystal(many, n)).toEqual({ ok: false, reason: '53 sites: a CrysTens holds at most 52' });
    const partial = { ...crystal, sites: [{ ...crystal.sites[0]!, occupancy: 0.5 }] };
    expect(encodeCrystal(partial, n)).toMatchObject({ ok: false, reason: expect.stringMatching(/partial occupancy/) });
    expect(encodeCrystal(crystal, { lengthBound: 5.5 })).toMatchObject({ ok: false, reason: expect.stringMatching(/exceeds/) });
  });
});

describe('Table 1 and Table 2 metrics', () => {
  const metricsOf = (T: Float32Array) => {
    const r = reconstruct(T, n, { kAtoms: 'none', kCoords: 'none' });
    if (!r.ok) throw new Error(r.reason);
    return crystalMetrics(r.trace);
  };

  it('are zero on a clean tensor', () => {
    for (const v of Object.values(metricsOf(encoded()))) expect(v).toBeCloseTo(0, 6);
  });

  it('measure a planted disagreement in one copy of a lattice length', () => {
    const T = encoded();
    T[entryIndex(4, 12, 0)]! += 0.1; // one of the 16 copies of a is 1 Å longer
    const m = metricsOf(T);
    // variance of 16 values, one off by 1: (1/16)(15/16); averaged with b and c (zero): /3.
    expect(m.varianceParameter).toBeCloseTo(15 / 256 / 3, 6);
    expect(m.varianceAngle).toBeCloseTo(0, 9);
    expect(m.deltaCoordinate).toBeCloseTo(0, 6);
  });

  it('measure a planted disagreement in one copy of a coordinate, and its effect on the voting', () => {
    const T = encoded();
    T[entryIndex(1, 12, 0)]! += 0.08; // one of Na's 8 copies of x
    const m = metricsOf(T);
    expect(m.varianceFrac).toBeCloseTo(((1 / 8) * (7 / 8) * 0.0064) / 6, 9);
    // Na's averaged x is 0.11; the votes for Na's x are 0.11 and 0.1, for Cl's 0.61 and 0.6: each atom is 0.005
    // from its header in x, and 0 in y and z.
    expect(m.deltaCoordinate).toBeCloseTo(0.01 / 6, 6);
    // Voted positions are 0.105 and 0.605 in x: the pair distance is unchanged.
    expect(m.pairwisePerAtom).toBeCloseTo(0, 6);
  });
});

describe('reconstruction of tensors that give no crystal', () => {
  it('answers every tensor of a batch with a crystal or a reason, never an exception', () => {
    const random = Float32Array.from({ length: ENTRIES }, (_, i) => ((i * 2654435761) % 1000) / 1000);
    const noVolume = encoded();
    for (let k = 0; k < 4; k++) for (let s = 0; s < 2; s++) noVolume[entryIndex(7, 12 + s, k)] = noVolume[entryIndex(12 + s, 7, k)] = 0.95; // α = 171°
    const withNaN = encoded();
    withNaN[100] = Number.NaN;
    const batch = [new Float32Array(ENTRIES), new Float32Array(ENTRIES).fill(1), random, noVolume, withNaN, encoded()];
    const results = batch.map((T) => reconstruct(T, n));
    expect(results.map((r) => (r.ok ? 'ok' : r.reason.split(':')[0]))).toEqual([
      'no atoms',
      'no lattice', // every angle 180°
      expect.any(String),
      'no lattice',
      'the tensor holds a non-finite value (NaN) at entry 100',
      'ok',
    ]);
  });
});
