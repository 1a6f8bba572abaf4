/**
 * The losses a run reports, as the loss chart draws and exports them: grouped into families that share a y axis,
 * smoothed as TensorBoard smooths, checked for a log axis, and written as CSV. Pure, so that Node tests reach it.
 *
 * The loss names are those the models' trainStep returns: a GAN's `discriminator` and `generator`
 * (ml/models/gan.ts), a WGAN-GP's `critic`, `wasserstein`, `gradientPenalty` and `generator` (ml/models/wgan.ts), a
 * diffusion model's `loss` (ml/diffusion/diffusion.ts).
 */
import { formatTick } from '../charts/ticks';
import type { LossPoint } from './store';

/** Losses on one scale, drawn in one panel with its own y axis. */
export interface LossFamily {
  readonly id: string;
  readonly title: string;
  /** The y axis's title. */
  readonly axis: string;
}

/**
 * One loss of one run over its steps (finite values only). A run is named (the library model's name) so that
 * several models' series share their loss's panel.
 */
export interface LossSeries {
  readonly run: string;
  /** The key the model reports. */
  readonly loss: string;
  /** What a reader calls it. */
  readonly label: string;
  readonly steps: Float64Array;
  readonly values: Float64Array;
}

export interface LossPanel {
  readonly family: LossFamily;
  readonly series: readonly LossSeries[];
}

/**
 * The families in drawing order. The WGAN critic's loss (−W + λ·penalty) reaches the hundreds while the generator's
 * stays near −1, so each network has its own axis; so does the Wasserstein estimate, which the penalty term
 * dwarfs in the critic's loss early on, and the penalty, a squared gradient-norm deviation that is never negative
 * (its axis can be logarithmic).
 */
const FAMILIES: readonly (LossFamily & { readonly losses: Readonly<Record<string, string>> })[] = [
  { id: 'discriminator', title: 'Discriminator', axis: 'discriminator loss', losses: { discriminator: 'discriminator loss' } },
  { id: 'critic', title: 'Critic', axis: 'critic loss', losses: { critic: 'critic loss' } },
  { id: 'wasserstein', title: 'Wasserstein estimate', axis: 'W estimate', losses: { wasserstein: 'Wasserstein estimate' } },
  { id: 'generator', title: 'Generator', axis: 'generator loss', losses: { generator: 'generator loss' } },
  { id: 'penalty', title: 'Gradient penalty', axis: 'gradient penalty', losses: { gradientPenalty: 'gradient penalty' } },
  { id: 'diffusion', title: 'Diffusion', axis: 'diffusion loss (MSE)', losses: { loss: 'diffusion loss' } },
];

/** The family of a loss name; a name no model reported when this was written gets a panel of its own. */
export function lossFamily(loss: string): LossFamily & { readonly label: string; readonly order: number } {
  const order = FAMILIES.findIndex((f) => loss in f.losses);
  if (order < 0) return { id: `other:${loss}`, title: loss, axis: loss, label: loss, order: FAMILIES.length };
  const { id, title, axis, losses } = FAMILIES[order]!;
  return { id, title, axis, label: losses[loss]!, order };
}

/** The names in a history, in the chart's order (by family, then as first reported). */
export function lossNames(history: readonly LossPoint[]): string[] {
  const names = [...new Set(history.flatMap((p) => Object.keys(p.losses)))];
  return names.map((name, i) => ({ name, i, order: lossFamily(name).order })).sort((a, b) => a.order - b.order || a.i - b.i).map((n) => n.name);
}

/** One series per loss of a run's history; steps without a finite value for a loss are left out of its series. */
export function lossSeries(history: readonly LossPoint[], run = 'current'): LossSeries[] {
  return lossNames(history).map((loss) => {
    const kept = history.filter((p) => Number.isFinite(p.losses[loss]));
    return {
      run,
      loss,
      label: lossFamily(loss).label,
      steps: Float64Array.from(kept, (p) => p.step),
      values: Float64Array.from(kept, (p) => p.losses[loss]!),
    };
  });
}

/** Series grouped into panels, one per family, in drawing order (series of several runs share their loss's panel). */
export function lossPanels(series: readonly LossSeries[]): LossPanel[] {
  const panels = new Map<string, { family: LossFamily; order: number; series: LossSeries[] }>();
  for (const s of series) {
    const { id, title, axis, order } = lossFamily(s.loss);
    const panel = panels.get(id) ?? { family: { id, title, axis }, order, series: [] };
    panel.series.push(s);
    panels.set(id, panel);
  }
  return [...panels.values()].sort((a, b) => a.order - b.order).map(({ family, series }) => ({ family, series }));
}

/**
 * TensorBoard's smoothing: an exponential moving average started at 0 and divided by 1 − wⁿ after n points, which
 * removes the pull towards 0 of the start (a constant series stays constant), as in `classicSmoothing` of
 * tensorflow/tensorboard, tensorboard/webapp/widgets/line_chart_v2/data_transformer.ts (commit 70b76c9). Like it,
 * the average runs over points, not steps, and a constant series is returned as it is (its issue #786: the
 * division would otherwise leave rounding wiggles on a flat line). `weight` is in [0, 1): 0 leaves the values be.
 */
export function smoothLosses(values: Float64Array, weight: number): Float64Array {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing weight ${weight} is outside [0, 1)`);
  if (values.every((v) => v === values[0])) return values;
  const smoothed = new Float64Array(values.length);
  let last = 0;
  for (let n = 0; n < values.length; n++) {
    last = last * weight + (1 - weight) * values[n]!;
    smoothed[n] = last / (1 - weight ** (n + 1));
  }
  return smoothed;
}

/**
 * Why a log axis cannot show these series, or undefined when it can: every value must be above 0. The smoothed
 * line needs no check of its own, since it is a weighted mean of the raw values with positive weights.
 */
export function logScaleRefusal(series: readonly LossSeries[]): string | undefined {
  for (const s of series) {
    const i = s.values.findIndex((v) => v <= 0);
    if (i >= 0) return `No log scale: ${s.label} is ${formatTick(s.values[i]!)} at step ${s.steps[i]}, and a log axis holds only values above 0.`;
  }
  return undefined;
}

/** The history as CSV (RFC 4180 line ends): `step`, then one column per loss; a loss not reported at a step is empty. */
export function lossCsv(history: readonly LossPoint[]): string {
  const names = lossNames(history);
  const rows = history.map((p) => [p.step, ...names.map((n) => (Number.isFinite(p.losses[n]) ? p.losses[n] : ''))].join(','));
  return [['step', ...names].join(','), ...rows].map((line) => `${line}\r\n`).join('');
}
