import { describe, expect, it } from 'vitest';
import { measuredStepMs, runEstimate } from './estimate';

describe('the run estimate', () => {
  it('multiplies the steps left by the measured step time', () => {
    expect(runEstimate({ done: 0, target: 200, msPerStep: 1000, backend: 'wasm' })).toBe('about 3 min 20 s for 200 steps (1.00 s a step on wasm)');
    expect(runEstimate({ done: 150, target: 200, msPerStep: 40 })).toBe('about 2 s for 50 steps (40 ms a step)');
  });

  it('says it is measuring before a step was timed, and what to do at the target', () => {
    expect(runEstimate({ done: 0, target: 200, measuring: true })).toBe('200 steps; time per step: measuring…');
    expect(runEstimate({ done: 0, target: 200 })).toBe('200 steps; time per step: not timed here yet (Step once times one)');
    expect(runEstimate({ done: 200, target: 200, msPerStep: 5 })).toMatch(/at step 200: raise "Train to step"/);
  });

  it('prefers a run’s own rate to a trial step', () => {
    expect(measuredStepMs(4, 900)).toBe(250);
    expect(measuredStepMs(0, 900)).toBe(900);
    expect(measuredStepMs(undefined, undefined)).toBeUndefined();
  });
});
