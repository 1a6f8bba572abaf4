import { describe, expect, it } from 'vitest';
import { ENTRIES, entryIndex } from '../../core/crystens/layout';
import { layerValues, sharedRange, tensorLayers } from './layers';

describe('layerValues', () => {
  it('takes one layer of a channels-last tensor as a row-major 64 × 64 matrix', () => {
    const T = Float32Array.from({ length: ENTRIES }, (_, i) => i);
    for (const [r, c, k] of [[0, 0, 0], [5, 17, 2], [63, 63, 3], [12, 40, 1]] as const) {
      const layer = layerValues(T, k);
      expect(layer).toHaveLength(64 * 64);
      expect(layer[r * 64 + c]).toBe(entryIndex(r, c, k));
      expect(tensorLayers(T)[k]).toEqual(layer);
    }
  });

  it('takes the top-left side × side block when zoomed, each entry where the tensor has it', () => {
    const T = Float32Array.from({ length: ENTRIES }, (_, i) => i);
    const block = layerValues(T, 1, 20);
    expect(block).toHaveLength(20 * 20);
    for (const [r, c] of [[0, 0], [4, 13], [19, 19], [12, 0]] as const) expect(block[r * 20 + c]).toBe(entryIndex(r, c, 1));
    expect(tensorLayers(T, 20)[1]).toEqual(block);
  });
});

describe('sharedRange', () => {
  it('covers [0, 1] and widens to the finite values of every tensor', () => {
    expect(sharedRange(Float32Array.of(0.2, 0.8))).toEqual([0, 1]);
    expect(sharedRange(Float32Array.of(0.5, 1.25), Float32Array.of(-0.125, Number.NaN, Infinity))).toEqual([-0.125, 1.25]);
  });
});
