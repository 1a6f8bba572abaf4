import { describe, expect, it } from 'vitest';
import { COLORMAP_SIZE, cssColor, cssGradient, diverging, viridis, type Colormap } from './colormap';

const entry = (map: Colormap, i: number) => [...map.table.subarray(i * 4, i * 4 + 4)];

/** matplotlib 3.6.3: [round(255 * c) for c in cm.viridis(i)[:3]] and the same for cm.coolwarm. */
const MATPLOTLIB: readonly { i: number; viridis: number[]; coolwarm: number[] }[] = [
  { i: 0, viridis: [68, 1, 84], coolwarm: [59, 76, 192] },
  { i: 32, viridis: [71, 45, 123], coolwarm: [98, 130, 234] },
  { i: 64, viridis: [59, 82, 139], coolwarm: [141, 176, 254] },
  { i: 96, viridis: [44, 114, 142], coolwarm: [185, 208, 249] },
  { i: 128, viridis: [33, 145, 140], coolwarm: [221, 220, 220] },
  { i: 160, viridis: [40, 174, 128], coolwarm: [245, 196, 172] },
  { i: 192, viridis: [94, 201, 98], coolwarm: [244, 152, 122] },
  { i: 224, viridis: [173, 220, 48], coolwarm: [221, 95, 75] },
  { i: 255, viridis: [253, 231, 37], coolwarm: [180, 4, 38] },
];

describe('colour maps', () => {
  it('have 256 opaque RGBA entries', () => {
    for (const map of [viridis, diverging]) {
      expect(map.table.length).toBe(COLORMAP_SIZE * 4);
      for (let i = 0; i < COLORMAP_SIZE; i++) expect(map.table[i * 4 + 3]).toBe(255);
    }
  });

  it.each(MATPLOTLIB)('viridis entry $i is within 4/255 of matplotlib (a polynomial fit)', ({ i, viridis: expected }) => {
    entry(viridis, i)
      .slice(0, 3)
      .forEach((c, k) => expect(Math.abs(c - expected[k]!)).toBeLessThanOrEqual(4));
  });

  // matplotlib's coolwarm is a piecewise-linear sampling of Moreland's map, so it agrees only approximately.
  it.each(MATPLOTLIB)('diverging entry $i is within 4/255 of matplotlib coolwarm', ({ i, coolwarm }) => {
    entry(diverging, i)
      .slice(0, 3)
      .forEach((c, k) => expect(Math.abs(c - coolwarm[k]!)).toBeLessThanOrEqual(4));
  });

  it('viridis grows steadily lighter (a sequential map)', () => {
    const luminance = (i: number) => {
      const [r, g, b] = entry(viridis, i);
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (let i = 1; i < COLORMAP_SIZE; i++) expect(luminance(i)).toBeGreaterThan(luminance(i - 1) - 0.5);
  });

  it('the diverging map is a neutral grey in the middle and cool below, warm above', () => {
    const [r, g, b] = entry(diverging, 128);
    expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).toBeLessThanOrEqual(3);
    const [r0, , b0] = entry(diverging, 40);
    const [r1, , b1] = entry(diverging, 215);
    expect(b0!).toBeGreaterThan(r0!);
    expect(r1!).toBeGreaterThan(b1!);
  });

  it('gives a CSS gradient from the first to the last entry', () => {
    const css = cssGradient(viridis, 'to right', 3);
    const stops = [0, 128, 255].map((i) => cssColor(viridis, i));
    expect(css).toBe(`linear-gradient(to right, ${stops[0]} 0.0%, ${stops[1]} 50.0%, ${stops[2]} 100.0%)`);
    expect(stops[0]).toMatch(/^rgb\(\d+ \d+ \d+\)$/);
  });
});
