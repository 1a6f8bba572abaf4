import { describe, expect, it } from 'vitest';
import { DECAY_FLOOR, learningRateAt } from './learning-rate';

describe('the learning rate of a step', () => {
  it('is the model’s rate at every step without decay', () => {
    for (const step of [0, 1, 1000, 1e6]) expect(learningRateAt(2e-3, 0, step)).toBe(2e-3);
  });

  it('falls along a half cosine to the floor over the decay steps, then stays there', () => {
    const rate = 2e-3;
    const decay = 1000;
    expect(learningRateAt(rate, decay, 0)).toBe(rate);
    // Halfway: the mean of the start and the floor; a quarter in: cos(π/4) of the way.
    expect(learningRateAt(rate, decay, 500)).toBeCloseTo((rate * (1 + DECAY_FLOOR)) / 2, 12);
    expect(learningRateAt(rate, decay, 250)).toBeCloseTo(rate * (DECAY_FLOOR + ((1 - DECAY_FLOOR) * (1 + Math.SQRT1_2)) / 2), 12);
    expect(learningRateAt(rate, decay, decay)).toBeCloseTo(rate * DECAY_FLOOR, 12);
    expect(learningRateAt(rate, decay, 5 * decay)).toBeCloseTo(rate * DECAY_FLOOR, 12);
    const rates = Array.from({ length: decay + 1 }, (_, step) => learningRateAt(rate, decay, step));
    expect(rates.every((r, i) => i === 0 || r <= rates[i - 1]!)).toBe(true);
  });
});
