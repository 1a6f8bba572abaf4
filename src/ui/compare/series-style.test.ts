import { describe, expect, it } from 'vitest';
import { MAX_RUNS_SHOWN, OKABE_ITO, REAL_STYLE, runStyle } from './series-style';

/** WCAG 2 relative luminance of an sRGB colour: what is left of it in greyscale. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const runs = Array.from({ length: MAX_RUNS_SHOWN }, (_, i) => runStyle(i));

describe('the series styles of the Compare panel', () => {
  it("are Okabe and Ito's colours (their 2008 sRGB values)", () => {
    expect(OKABE_ITO).toEqual({ blue: '#0072B2', orange: '#E69F00', vermillion: '#D55E00', bluishGreen: '#009E73', reddishPurple: '#CC79A7' });
    expect(luminance('#FFFFFF')).toBeCloseTo(1, 12);
    expect(luminance(OKABE_ITO.blue)).toBeCloseTo(0.1525, 4); // WCAG's formula evaluated apart, in Python
  });

  it('tell every run from the real set by hue and by pattern, not by colour alone', () => {
    for (const run of runs) {
      expect(run.colour).not.toBe(REAL_STYLE.colour);
      expect(run.hatch).toBeDefined();
      expect(run.dash).not.toBe('');
    }
    expect(REAL_STYLE.hatch).toBeUndefined();
    expect(REAL_STYLE.dash).toBe('');
  });

  it('tell the runs from one another by colour, hatching angle and dash', () => {
    for (const key of ['colour', 'hatch', 'dash'] as const) expect(new Set(runs.map((r) => r[key])).size).toBe(runs.length);
  });

  it('make the usual one-run view differ in lightness as well (greyscale)', () => {
    expect(luminance(runs[0]!.colour) - luminance(REAL_STYLE.colour)).toBeGreaterThan(0.25);
  });

  it('refuse a fifth run rather than reuse a style', () => {
    expect(() => runStyle(MAX_RUNS_SHOWN)).toThrow(RangeError);
  });
});
