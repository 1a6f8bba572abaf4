import { describe, expect, it } from 'vitest';
import { logScaleRefusal, lossCsv, lossPanels, lossSeries, smoothLosses } from './loss-series';

const f64 = (...values: number[]) => Float64Array.from(values);

describe('TensorBoard smoothing (EMA from 0, divided by 1 − wⁿ)', () => {
  it('matches the weighted means worked by hand', () => {
    // w = 0.5 over 1, 3, 2: 0.5/0.5 = 1; 1.75/0.75 = 7/3; 1.875/0.875 = 15/7, i.e. (2·½ + 3·¼ + 1·⅛)/(⅞).
    const smoothed = smoothLosses(f64(1, 3, 2), 0.5);
    expect(smoothed[0]).toBe(1);
    expect(smoothed[1]).toBeCloseTo(7 / 3, 12);
    expect(smoothed[2]).toBeCloseTo(15 / 7, 12);
    // w = 0.9 over 10, 0: the debiased start is the first value, then 0.9 / (1 − 0.81) = 90/19.
    expect(Array.from(smoothLosses(f64(10, 0), 0.9)).map((v) => +v.toFixed(10))).toEqual([10, +(90 / 19).toFixed(10)]);
  });

  it('leaves the values be at weight 0 and a constant series as it is', () => {
    expect(Array.from(smoothLosses(f64(4, -1, 7), 0))).toEqual([4, -1, 7]);
    expect(Array.from(smoothLosses(f64(0.3, 0.3, 0.3), 0.99))).toEqual([0.3, 0.3, 0.3]);
  });

  it('refuses a weight outside [0, 1)', () => {
    expect(() => smoothLosses(f64(1, 2), 1)).toThrow(RangeError);
  });
});

const wgan = [
  { step: 1, losses: { critic: 900, generator: -1.4, gradientPenalty: 80, wasserstein: 12.5 } },
  { step: 2, losses: { critic: 850.25, generator: -1.25, gradientPenalty: 75, wasserstein: 13 } },
];

describe('loss panels', () => {
  it('give each network its own axis, and the W estimate and the penalty theirs', () => {
    const panels = lossPanels(lossSeries(wgan));
    expect(panels.map((p) => [p.family.title, p.series.map((s) => s.loss)])).toEqual([
      ['Critic', ['critic']],
      ['Wasserstein estimate', ['wasserstein']],
      ['Generator', ['generator']],
      ['Gradient penalty', ['gradientPenalty']],
    ]);
    expect(lossPanels(lossSeries([{ step: 1, losses: { generator: 0.7, discriminator: 1.3 } }])).map((p) => p.family.title)).toEqual(['Discriminator', 'Generator']);
    expect(lossPanels(lossSeries([{ step: 1, losses: { loss: 0.2 } }])).map((p) => p.family.axis)).toEqual(['diffusion loss (MSE)']);
  });

  it('give a loss no model reported a panel of its own, and put two runs of a loss in one panel', () => {
    const series = [...lossSeries([{ step: 1, losses: { loss: 0.2, klDivergence: 3 } }], 'a'), ...lossSeries([{ step: 5, losses: { loss: 0.1 } }], 'b')];
    const panels = lossPanels(series);
    expect(panels.map((p) => [p.family.title, p.series.map((s) => `${s.run}:${s.loss}`)])).toEqual([
      ['Diffusion', ['a:loss', 'b:loss']],
      ['klDivergence', ['a:klDivergence']],
    ]);
  });

  it('leave steps without a finite value out of a series', () => {
    const [g] = lossSeries([{ step: 1, losses: { generator: 1 } }, { step: 2, losses: { generator: NaN } }, { step: 3, losses: { generator: 2 } }]);
    expect([Array.from(g!.steps), Array.from(g!.values)]).toEqual([[1, 3], [1, 2]]);
  });
});

describe('log scale eligibility', () => {
  it('allows a log axis only when every value is above 0, naming the first that is not', () => {
    const [critic, , generator, penalty] = lossSeries(wgan); // critic, wasserstein, generator, gradientPenalty
    expect(logScaleRefusal([penalty!])).toBeUndefined();
    expect(logScaleRefusal([critic!, generator!])).toBe('No log scale: generator loss is −1.4 at step 1, and a log axis holds only values above 0.');
    expect(logScaleRefusal(lossSeries([{ step: 4, losses: { loss: 0 } }]))).toContain('diffusion loss is 0 at step 4');
  });
});

describe('loss CSV', () => {
  it('writes step, then a column per loss in the panels’ order, full precision, empty where a loss is missing', () => {
    const history = [...wgan, { step: 3, losses: { critic: 800, generator: -1 } }];
    expect(lossCsv(history)).toBe(
      'step,critic,wasserstein,generator,gradientPenalty\r\n' +
        '1,900,12.5,-1.4,80\r\n' +
        '2,850.25,13,-1.25,75\r\n' +
        '3,800,,-1,\r\n',
    );
    expect(lossCsv([])).toBe('step\r\n');
  });
});
