/**
 * The geometry of the live loss plot: one polyline per loss over the steps, on a linear or a log₁₀ axis. Drawn as
 * plain SVG so that following a training run costs a few hundred points per update, not a charting library's
 * re-render (recharts took over 100 ms per progress event here, a long task in the middle of training).
 */
import { niceTicks } from '../charts/ticks';
import type { LossPoint } from './store';

export interface PlotBox {
  readonly width: number;
  readonly height: number;
  /** Room for the axes' labels. */
  readonly left: number;
  readonly bottom: number;
}

export interface LossSeries {
  readonly name: string;
  /** SVG polyline points, "x,y x,y …". */
  readonly points: string;
  readonly last: number;
}

export interface LossPlot {
  readonly series: LossSeries[];
  readonly xTicks: { readonly at: number; readonly step: number }[];
  readonly yTicks: { readonly at: number; readonly value: number }[];
  readonly log: boolean;
}

/** Log scale only when every value is positive. */
export function lossPlot(history: readonly LossPoint[], box: PlotBox, wantLog: boolean): LossPlot {
  const names = [...new Set(history.flatMap((p) => Object.keys(p.losses)))];
  const values = history.flatMap((p) => Object.values(p.losses)).filter(Number.isFinite);
  const log = wantLog && values.length > 0 && values.every((v) => v > 0);
  const t = (v: number) => (log ? Math.log10(v) : v);
  if (history.length === 0 || values.length === 0) return { series: [], xTicks: [], yTicks: [], log };
  const [x0, x1] = [history[0]!.step, history.at(-1)!.step];
  let [y0, y1] = [Math.min(...values.map(t)), Math.max(...values.map(t))];
  if (y1 - y0 < 1e-9) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const plotWidth = box.width - box.left;
  const plotHeight = box.height - box.bottom;
  const x = (step: number) => box.left + (x1 === x0 ? plotWidth / 2 : ((step - x0) / (x1 - x0)) * plotWidth);
  const y = (v: number) => plotHeight - ((t(v) - y0) / (y1 - y0)) * plotHeight;
  const series = names.map((name) => {
    const kept = history.filter((p) => Number.isFinite(p.losses[name]));
    return {
      name,
      points: kept.map((p) => `${x(p.step).toFixed(1)},${y(p.losses[name]!).toFixed(1)}`).join(' '),
      last: kept.at(-1)?.losses[name] ?? NaN,
    };
  });
  const xTicks = niceTicks(x0, x1, 6).values.filter(Number.isInteger).map((step) => ({ at: x(step), step }));
  const yTicks = log
    ? niceTicks(y0, y1, 5).values.filter(Number.isInteger).map((e) => ({ at: y(10 ** e), value: 10 ** e }))
    : niceTicks(y0, y1, 5).values.map((value) => ({ at: y(value), value }));
  return { series, xTicks, yTicks, log };
}
