import { describe, expect, it } from 'vitest';
import { encodeOrThrow, handBuiltCrystal } from '../../core/testing/hand-built';
import { entryIndex, HEADER, normalizationFor, Slot } from '../../core/crystens/layout';
import { tensorSpread } from './spread';

// Three atoms, sorted by Z into slots Na 0, Cl 1, Cl 2.
const crystal = handBuiltCrystal({ a: 4, b: 5, c: 6, alpha: 90, beta: 100, gamma: 90 }, [
  ['Cl', [0.6, 0.7, 0.8]],
  ['Cl', [0.9, 0.15, 0.35]],
  ['Na', [0.1, 0.2, 0.3]],
], 6);
const A = 3;

const encoded = () => encodeOrThrow(crystal, normalizationFor(6));

/** Every entry of the spread other than the listed ones, which must hold the given values. */
function expectSpread(T: Float32Array, planted: { header?: Record<number, number>; pairs?: Record<string, number> }) {
  const spread = tensorSpread(T, A);
  expect(spread.atomCount).toBe(A);
  expect(spread.header).toHaveLength(HEADER * A);
  spread.header.forEach((v, i) => expect(v).toBeCloseTo(planted.header?.[i] ?? 0, 6));
  expect(spread.pairs).toHaveLength(4);
  spread.pairs.forEach((layer, k) => {
    expect(layer).toHaveLength(A * A);
    layer.forEach((v, i) => expect(v).toBeCloseTo(planted.pairs?.[`${k}:${i}`] ?? 0, 6));
  });
  return spread;
}

describe('tensorSpread', () => {
  it('is zero for an encoded crystal', () => {
    expect(expectSpread(encoded(), {}).max).toBeCloseTo(0, 6);
  });

  it('gives the standard deviation of a header value whose copy was disturbed', () => {
    const T = encoded();
    T[entryIndex(13, Slot.A, 2)]! += 0.08; // one of Cl 1's 8 copies of a
    // one of 8 values off by d: σ = d √(1/8 · 7/8)
    const sd = 0.08 * Math.sqrt(7 / 64);
    expect(expectSpread(T, { header: { [Slot.A * A + 1]: sd } }).max).toBeCloseTo(sd, 6);
  });

  it('gives what symmetrisation removes from a disturbed distance and a disturbed Δ', () => {
    const T = encoded();
    T[entryIndex(12, 14, 0)]! += 0.1; // L(0, 2): L′ = (L + Lᵀ)/2 moves both entries by 0.05
    // Δy(1, 2) one normalised 0.1 higher is 0.2 in Δ; Δ′ = (Δ − Δᵀ)/2 takes back 0.1 from Δy(1, 2) and from
    // Δy(2, 1), which is 0.05 each in normalised units.
    T[entryIndex(13, 14, 2)]! += 0.1;
    // A diagonal Δ must be 0 (normalised 0.5); symmetrisation sets it back to 0 from 0.2 (normalised 0.6).
    T[entryIndex(12, 12, 3)] = 0.6;
    const spread = expectSpread(T, {
      pairs: { '0:2': 0.05, '0:6': 0.05, '2:5': 0.05, '2:7': 0.05, '3:0': 0.1 },
    });
    expect(spread.max).toBeCloseTo(0.1, 6);
  });

  it('is empty for a tensor without atoms', () => {
    const spread = tensorSpread(new Float32Array(64 * 64 * 4), 0);
    expect(spread.header).toHaveLength(0);
    expect(spread.pairs.every((p) => p.length === 0)).toBe(true);
    expect(spread.max).toBe(0);
  });
});
