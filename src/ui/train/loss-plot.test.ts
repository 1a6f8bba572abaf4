import { describe, expect, it } from 'vitest';
import { logTicks, panelPlot, stepDomain, valueDomain } from './loss-plot';
import { lossPanels, lossSeries } from './loss-series';

// Plot area x 10..110, y 5..55 (50 high).
const box = { width: 120, height: 70, left: 10, right: 10, top: 5, bottom: 15 };
const parse = (points: string) => points.split(' ').map((p) => p.split(',').map(Number));
const panel = (history: { step: number; losses: Record<string, number> }[]) => lossPanels(lossSeries(history))[0]!;

describe('domains', () => {
  it('hold every value with 5 % of the span free on each side', () => {
    expect(valueDomain([-1.4, 0.6, -0.2]).map((v) => +v.toFixed(12))).toEqual([-1.5, 0.7]);
    expect(valueDomain([2, 2])).toEqual([1.8, 2.2]);
    expect(valueDomain([0])).toEqual([-1, 1]);
  });

  it('run the steps from the first to the last', () => {
    expect(stepDomain([3, 200, 50])).toEqual([3, 200]);
    expect(stepDomain([7])).toEqual([6, 8]);
  });

  it('put log ticks on powers of ten, or on round values inside one decade', () => {
    expect(logTicks(-2.1, 0.1)).toEqual([0.01, 0.1, 1]);
    expect(logTicks(Math.log10(2) - 0.02, Math.log10(5) + 0.02)).toEqual([2, 3, 4, 5]);
  });
});

describe('a panel', () => {
  const history = [0, 100, 200].map((step, i) => ({ step, losses: { loss: [1, 3, 2][i]! } }));

  it('maps steps across the width and losses down the height, every point inside the plot', () => {
    // y domain 0.9..3.1: 1 is 0.1/2.2 of the way up, 3 is 2.1/2.2, 2 is half way.
    const plot = panelPlot(panel(history), box, { smoothing: 0, log: false });
    expect(parse(plot.lines[0]!.raw)).toEqual([[10, 52.7], [60, 7.3], [110, 30]]);
    expect(plot.lines[0]!.smoothed).toBe(plot.lines[0]!.raw);
  });

  it('runs the x axis to the last step, labelled, with round y ticks', () => {
    const plot = panelPlot(panel(history), box, { smoothing: 0, log: false });
    expect(plot.xTicks.map((t) => t.value)).toEqual([0, 50, 100, 150, 200]);
    expect(plot.xTicks.at(-1)!.at).toBe(110);
    expect(plot.yTicks.map((t) => t.value)).toEqual([1, 1.5, 2, 2.5, 3]);
  });

  it('smooths as TensorBoard does, and reports the last raw and smoothed values', () => {
    const plot = panelPlot(panel(history), box, { smoothing: 0.5, log: false });
    expect(plot.lines[0]!.last.step).toBe(200);
    expect(plot.lines[0]!.last.raw).toBe(2);
    expect(plot.lines[0]!.last.smoothed).toBeCloseTo(15 / 7, 12);
  });

  it('draws a log axis when asked and every value is positive, and says why not otherwise', () => {
    const positive = panelPlot(panel([{ step: 0, losses: { loss: 0.01 } }, { step: 10, losses: { loss: 1 } }]), box, { smoothing: 0, log: true });
    expect(positive.log).toBe(true);
    expect(positive.yTicks.map((t) => t.value)).toEqual([0.01, 0.1, 1]);
    expect(parse(positive.lines[0]!.raw)).toEqual([[10, 52.7], [110, 7.3]]);
    const negative = panelPlot(panel([{ step: 0, losses: { generator: -1.4 } }, { step: 1, losses: { generator: 1 } }]), box, { smoothing: 0, log: true });
    expect(negative.log).toBe(false);
    expect(negative.logRefusal).toContain('generator loss is −1.4 at step 0');
  });

  it('puts a single point in the middle', () => {
    const [line] = panelPlot(panel([{ step: 7, losses: { loss: 3 } }]), box, { smoothing: 0.6, log: false }).lines;
    expect(parse(line!.raw)).toEqual([[60, 30]]);
    expect(line!.end).toEqual({ x: 60, y: 30 });
  });
});
