import { describe, expect, it } from 'vitest';
import { lossPlot } from './loss-plot';

const box = { width: 110, height: 60, left: 10, bottom: 10 };
const history = [1, 2, 3, 4, 5].map((step) => ({ step, losses: { d: 1 / step, g: step === 3 ? NaN : 2 } }));

const parse = (points: string) => points.split(' ').map((p) => p.split(',').map(Number));

describe('the loss plot', () => {
  it('maps steps across the width and losses down the height', () => {
    const plot = lossPlot(history, box, false);
    const d = parse(plot.series.find((s) => s.name === 'd')!.points);
    expect(d[0]).toEqual([10, 27.8]); // loss 1 of the range 0.2..2 (plot area 50 high), step 1 at the left
    expect(d.at(-1)).toEqual([110, 50]); // loss 0.2 at the bottom of the plot area, step 5 at the right
    expect(plot.xTicks.map((t) => t.step)).toEqual([1, 2, 3, 4, 5]);
  });

  it('leaves non-finite losses out of their line', () => {
    const plot = lossPlot(history, box, false);
    expect(parse(plot.series.find((s) => s.name === 'g')!.points)).toHaveLength(4);
  });

  it('uses a log axis only when asked and every loss is positive, with ticks at powers of ten', () => {
    const plot = lossPlot([{ step: 0, losses: { l: 1 } }, { step: 10, losses: { l: 0.01 } }], box, true);
    expect(plot.log).toBe(true);
    expect(plot.yTicks.map((t) => t.value)).toEqual([0.01, 0.1, 1]);
    expect(plot.yTicks.map((t) => t.at)).toEqual([50, 25, 0]);
    expect(lossPlot([{ step: 0, losses: { l: -1 } }, { step: 1, losses: { l: 1 } }], box, true).log).toBe(false);
  });

  it('draws nothing without points, and a single point in the middle', () => {
    expect(lossPlot([], box, false).series).toEqual([]);
    expect(parse(lossPlot([{ step: 7, losses: { l: 3 } }], box, false).series[0]!.points)).toEqual([[60, 25]]);
  });
});
