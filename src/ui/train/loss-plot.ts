/**
 * The geometry of one loss panel: its series as SVG polylines (raw and smoothed) over steps, on a linear or a log₁₀
 * axis whose domain holds every point with a margin, with round ticks. Drawn as plain SVG so that following a
 * training run costs a few hundred points per update, not a charting library's re-render (recharts took over
 * 100 ms per progress event here, a long task in the middle of training).
 */
import { niceTicks } from '../charts/ticks';
import { type LossPanel, logScaleRefusal, smoothLosses } from './loss-series';

/** The SVG's size and the margins around the plot area, which hold the ticks and the axis titles. */
export interface PlotBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface PlotLine {
  readonly run: string;
  readonly loss: string;
  readonly label: string;
  /** SVG polyline points, "x,y x,y …": the values as reported, and smoothed (the same when smoothing is 0). */
  readonly raw: string;
  readonly smoothed: string;
  readonly last: { readonly step: number; readonly raw: number; readonly smoothed: number };
  /** Where the smoothed line ends, marked so that a series of one point shows too. */
  readonly end: { readonly x: number; readonly y: number };
}

export interface Tick {
  /** Where it is drawn, in SVG units along its axis. */
  readonly at: number;
  readonly value: number;
}

export interface PanelPlot {
  readonly lines: readonly PlotLine[];
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  /** Whether the y axis is logarithmic: asked for, and possible. */
  readonly log: boolean;
  /** Why a log axis is not possible here; undefined when it is. */
  readonly logRefusal?: string;
}

export interface PlotOptions {
  /** TensorBoard's smoothing weight, in [0, 1). */
  readonly smoothing: number;
  readonly log: boolean;
}

/** The fraction of the data's span left free above and below it, so that no point sits on the plot's edge. */
const MARGIN = 0.05;

/** [lo, hi] holding every value with a margin; a single value gets a window of ±10 % of itself (or ±1 at 0). */
export function valueDomain(values: readonly number[]): [number, number] {
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!(lo <= hi)) return [0, 1];
  const pad = hi > lo ? (hi - lo) * MARGIN : Math.abs(lo) * 0.1 || 1;
  return [lo - pad, hi + pad];
}

/** Steps from the first to the last recorded (a single step in the middle of a window of ±1). */
export function stepDomain(steps: readonly number[]): [number, number] {
  const [lo, hi] = [Math.min(...steps), Math.max(...steps)];
  return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
}

/** Ticks of a log₁₀ axis over exponents [lo, hi]: the powers of ten inside, or round values when fewer than two are. */
export function logTicks(lo: number, hi: number): number[] {
  const powers = niceTicks(lo, hi, 8).values.filter(Number.isInteger).map((e) => 10 ** e);
  return powers.length >= 2 ? powers : niceTicks(10 ** lo, 10 ** hi, 4).values.filter((v) => v > 0);
}

/** The panel drawn in `box`: x over the steps every series spans, y over every raw value. */
export function panelPlot(panel: LossPanel, box: PlotBox, options: PlotOptions): PanelPlot {
  const logRefusal = logScaleRefusal(panel.series);
  const log = options.log && logRefusal === undefined;
  const series = panel.series.filter((s) => s.values.length > 0);
  if (series.length === 0) return { lines: [], xTicks: [], yTicks: [], log, logRefusal };
  const t = (v: number) => (log ? Math.log10(v) : v);
  // The smoothed line is a weighted mean of the raw values, so the raw values' domain holds it too.
  const [y0, y1] = valueDomain(series.flatMap((s) => Array.from(s.values, t)));
  const [x0, x1] = stepDomain(series.flatMap((s) => Array.from(s.steps)));
  const [left, right] = [box.left, box.width - box.right];
  const [top, bottom] = [box.top, box.height - box.bottom];
  const x = (step: number) => left + ((step - x0) / (x1 - x0)) * (right - left);
  const y = (v: number) => bottom - ((t(v) - y0) / (y1 - y0)) * (bottom - top);
  const polyline = (steps: Float64Array, values: Float64Array) =>
    Array.from(steps, (step, i) => `${x(step).toFixed(1)},${y(values[i]!).toFixed(1)}`).join(' ');
  const lines = series.map((s) => {
    const smoothed = smoothLosses(s.values, options.smoothing);
    const n = s.values.length - 1;
    return {
      run: s.run,
      loss: s.loss,
      label: s.label,
      raw: polyline(s.steps, s.values),
      smoothed: polyline(s.steps, smoothed),
      last: { step: s.steps[n]!, raw: s.values[n]!, smoothed: smoothed[n]! },
      end: { x: x(s.steps[n]!), y: y(smoothed[n]!) },
    };
  });
  const xTicks = niceTicks(x0, x1, 6).values.filter(Number.isInteger).map((step) => ({ at: x(step), value: step }));
  const yValues = log ? logTicks(y0, y1) : niceTicks(y0, y1, 5).values;
  return { lines, xTicks, yTicks: yValues.map((value) => ({ at: y(value), value })), log, logRefusal };
}
