import { describe, expect, it } from 'vitest';
import { formatTick, niceTicks } from './ticks';

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
