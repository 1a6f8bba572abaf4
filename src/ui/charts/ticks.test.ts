import { describe, expect, it } from 'vitest';
import { enclosingTicks, formatTick, niceTicks } from './ticks';

describe('niceTicks', () => {
  it('the unit interval in fifths', () => {
    expect(niceTicks(-0.05, 1.05, 6)).toEqual({ values: [0, 0.2, 0.4, 0.6, 0.8, 1], decimals: 1 });
  });

  it('a narrow window around a coordinate', () => {
    expect(niceTicks(0.4972, 0.5031, 5)).toEqual({ values: [0.498, 0.5, 0.502], decimals: 3 });
  });

  it('atomic numbers in steps of 5', () => {
    expect(niceTicks(6.2, 39.8, 8)).toEqual({ values: [10, 15, 20, 25, 30, 35], decimals: 0 });
  });

  it('an empty interval has no ticks', () => {
    expect(niceTicks(1, 1, 5).values).toEqual([]);
  });
});

describe('formatTick', () => {
  it('writes ticks without trailing zeros, with a typographic minus', () => {
    expect(formatTick(0.025)).toBe('0.025');
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
    expect(formatTick(120)).toBe('120');
    expect(formatTick(-0.5)).toBe('−0.5');
  });
});

describe('round steps', () => {
  const isRound = (step: number) => {
    const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
    return [1, 2, 2.5, 5].some((m) => Math.abs(mantissa - m) < 1e-9);
  };

  it('never fall on the data range’s own ends (a lattice length from 2.47 to 9.47 Å)', () => {
    expect(niceTicks(2.47, 9.47, 6).values).toEqual([4, 6, 8]);
  });

  it('use quarters where they fit the count', () => {
    expect(niceTicks(0, 10, 5)).toEqual({ values: [0, 2.5, 5, 7.5, 10], decimals: 1 });
    expect(niceTicks(0, 1, 5)).toEqual({ values: [0, 0.25, 0.5, 0.75, 1], decimals: 2 });
  });

  it('stay whole for integer data', () => {
    expect(niceTicks(0, 10, 5, { integer: true }).values).toEqual([0, 5, 10]);
    expect(niceTicks(1, 3, 8, { integer: true }).values).toEqual([1, 2, 3]);
  });

  it('enclose the data for an axis that ends on a tick (a density up to 0.47)', () => {
    expect(enclosingTicks(0, 0.47, 6)).toEqual({ values: [0, 0.1, 0.2, 0.3, 0.4, 0.5], decimals: 1 });
    expect(enclosingTicks(0, 187, 5).values).toEqual([0, 50, 100, 150, 200]);
  });

  it('step by 1, 2, 2.5 or 5 × 10^k over many ranges', () => {
    for (const [lo, hi] of [[0, 0.0123], [3.1, 5.8], [0, 187], [-1.4, 1500], [89.2, 90.8], [1, 230]] as const) {
      for (const count of [3, 5, 8]) {
        for (const ticks of [niceTicks(lo, hi, count), enclosingTicks(lo, hi, count)]) {
          expect(ticks.values.length).toBeLessThanOrEqual(count);
          if (ticks.values.length > 1) expect(isRound(ticks.values[1]! - ticks.values[0]!), `${lo}–${hi} by ${count}`).toBe(true);
        }
      }
    }
  });
});
