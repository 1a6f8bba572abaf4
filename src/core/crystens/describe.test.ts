/** Hover descriptions of a hand-built crystal's tensor, with the values worked out from crystens-spec.md §1–§3. */
import { describe, expect, it } from 'vitest';
import { encodeOrThrow, handBuiltCrystal } from '../testing/hand-built';
import { describeEntry, slotElement } from './describe';
import { entryIndex, normalizationFor } from './layout';
import { countAtoms } from './reconstruct';

// Sorted by Z, the slots 0–3 hold Li, O, O, Fe: atoms 1–4 as the studio numbers them. The largest length 14.5 Å gives the bound ⌈14.5 × 1.1⌉ = 16 Å.
const n = normalizationFor(14.5);
const crystal = handBuiltCrystal({ a: 5.43, b: 5.43, c: 7, alpha: 90, beta: 90, gamma: 120 }, [
  ['Fe', [0.5, 0.5, 0.5]],
  ['O', [0.25, 0.25, 0.25]],
  ['O', [0.75, 0.75, 0.75]],
  ['Li', [0, 0, 0]],
], 194);

const encoded = () => encodeOrThrow(crystal, n);

const describeIn = (T: Float32Array, row: number, column: number, layer: number) =>
  describeEntry(T, n, countAtoms(T).atomCount, row, column, layer);

describe('describeEntry', () => {
  const T = encoded();

  it('names a header value with its physical and normalised value', () => {
    // a = 5.43 Å over 16 Å = 0.339375
    expect(describeIn(T, 4, 15, 2)).toBe('row 4 (a), column 15 (atom 4, Fe), layer 2: a = 5.430 Å (normalised 0.3394)');
    // the transposed strip holds the same value
    expect(describeIn(T, 15, 4, 0)).toBe('row 15 (atom 4, Fe), column 4 (a), layer 0: a = 5.430 Å (normalised 0.3394)');
    // 3 / 118 = 0.02542; 120° / 180 = 0.6667; 194 / 230 = 0.8435
    expect(describeIn(T, 12, 0, 1)).toBe('row 12 (atom 1, Li), column 0 (Z), layer 1: Z = 3.000 (normalised 0.0254)');
    expect(describeIn(T, 9, 14, 3)).toBe('row 9 (γ), column 14 (atom 3, O), layer 3: γ = 120.000° (normalised 0.6667)');
    expect(describeIn(T, 13, 10, 0)).toBe(
      'row 13 (atom 2, O), column 10 (space group), layer 0: space group = 194.0 (normalised 0.8435)',
    );
    expect(describeIn(T, 1, 13, 0)).toBe('row 1 (x), column 13 (atom 2, O), layer 0: x = 0.250 (normalised 0.25)');
    expect(describeIn(T, 11, 12, 0)).toBe('row 11 (mask), column 12 (atom 1, Li), layer 0: mask = 1.000 (normalised 1)');
  });

  it('names a pair entry by its two atoms, signed Δ = f_row − f_column', () => {
    // Fe − O1 = (0.25, 0.25, 0.25): Δ ↦ (0.25 + 1) / 2 = 0.625; ‖Δf‖ = √0.1875 = 0.4330, over √3 = 0.25
    expect(describeIn(T, 15, 13, 1)).toBe('atoms 4 (Fe) and 2 (O), layer 1: Δx = 0.250 (normalised 0.625)');
    expect(describeIn(T, 13, 15, 3)).toBe('atoms 2 (O) and 4 (Fe), layer 3: Δz = −0.250 (normalised 0.375)');
    expect(describeIn(T, 15, 13, 0)).toBe('atoms 4 (Fe) and 2 (O), layer 0: distance ‖Δf‖ = 0.433 (normalised 0.25)');
    expect(describeIn(T, 12, 12, 2)).toBe('atoms 1 (Li) and 1 (Li), layer 2: Δy = 0.000 (normalised 0.5)');
  });

  it('marks the corner and the empty slots as always zero, and says so when a tensor is not', () => {
    expect(describeIn(T, 4, 7, 0)).toBe('row 4 (a), column 7 (α), layer 0: corner (always 0)');
    expect(describeIn(T, 20, 2, 3)).toBe('row 20 (empty slot 9), column 2 (y), layer 3: empty slot (always 0)');
    expect(describeIn(T, 13, 16, 1)).toBe('row 13 (atom 2, O), column 16 (empty slot 5), layer 1: empty slot (always 0)');
    const noisy = encoded();
    noisy[entryIndex(1, 1, 0)] = 0.02;
    noisy[entryIndex(63, 63, 2)] = -0.01;
    expect(describeIn(noisy, 1, 1, 0)).toBe('row 1 (x), column 1 (x), layer 0: corner (always 0; here normalised 0.02)');
    expect(describeIn(noisy, 63, 63, 2)).toBe(
      'row 63 (empty slot 52), column 63 (empty slot 52), layer 2: empty slot (always 0; here normalised −0.01)',
    );
  });
});

describe('slotElement', () => {
  it('reads the element from the mean of the 8 copies of Z, not from one copy', () => {
    const T = encoded();
    T[entryIndex(0, 15, 0)] = 29 / 118; // one copy says Cu; the mean is 26.375: Fe
    expect(slotElement(T, 3)).toBe('Fe');
    expect(describeIn(T, 0, 15, 0)).toBe('row 0 (Z), column 15 (atom 4, Fe), layer 0: Z = 29.000 (normalised 0.2458)');
  });

  it('gives ? for a slot whose atomic number is out of range', () => {
    expect(slotElement(new Float32Array(64 * 64 * 4), 0)).toBe('?');
  });
});
