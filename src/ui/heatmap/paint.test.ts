import { describe, expect, it } from 'vitest';
import { diverging, viridis } from './colormap';
import { paintMatrix } from './paint';

const pixel = (pixels: Uint8ClampedArray, i: number) => [...pixels.subarray(i * 4, i * 4 + 4)];
const entry = (table: Uint8ClampedArray, i: number) => [...table.subarray(i * 4, i * 4 + 4)];

describe('paintMatrix', () => {
  it('maps the range onto the table and clamps outside it', () => {
    const values = Float32Array.of(0, 1, 0.5, -3, 7);
    const pixels = new Uint8ClampedArray(values.length * 4);
    paintMatrix(pixels, values, [0, 1], viridis);
    expect(pixel(pixels, 0)).toEqual(entry(viridis.table, 0));
    expect(pixel(pixels, 1)).toEqual(entry(viridis.table, 255));
    expect(pixel(pixels, 2)).toEqual(entry(viridis.table, 128)); // 127.5 rounds up
    expect(pixel(pixels, 3)).toEqual(entry(viridis.table, 0));
    expect(pixel(pixels, 4)).toEqual(entry(viridis.table, 255));
  });

  it('puts zero of a symmetric range at the neutral middle of the diverging map', () => {
    const pixels = new Uint8ClampedArray(4 * 3);
    paintMatrix(pixels, [-1, 0, 0.5], [-1, 1], diverging);
    expect(pixel(pixels, 0)).toEqual(entry(diverging.table, 0));
    expect(pixel(pixels, 1)).toEqual(entry(diverging.table, 128));
    expect(pixel(pixels, 2)).toEqual(entry(diverging.table, 191)); // 191.25
  });

  it('leaves non-finite values transparent and paints a degenerate range in the middle colour', () => {
    const pixels = new Uint8ClampedArray(4 * 2).fill(9);
    paintMatrix(pixels, [Number.NaN, 0.2], [0.2, 0.2], viridis);
    expect(pixel(pixels, 0)).toEqual([0, 0, 0, 0]);
    expect(pixel(pixels, 1)).toEqual(entry(viridis.table, 128));
  });

  it('refuses a pixel buffer of the wrong size', () => {
    expect(() => paintMatrix(new Uint8ClampedArray(8), [1, 2, 3], [0, 1], viridis)).toThrow(/12 pixel bytes/);
  });
});
