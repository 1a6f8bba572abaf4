/**
 * What the Train panel makes of the model library (src/ml/engine/model-library.ts, kept by the training worker):
 * what a new model is called and said to be trained on, and which runs the loss chart overlays. Pure, so that
 * Node tests reach it.
 */
import type { ModelAbout, ModelEntry } from '../../ml/engine/model-library';
import type { DatasetSummary } from '../../ml/engine/session';
import type { ModelKind, Preset } from '../../ml/types';
import { MODEL_NAMES } from '../format';
import type { LossPoint } from './store';

/** A new model's name (the library numbers it when taken: "Vanilla GAN tiny 2") and its dataset as the researcher knows it. */
export function newModelAbout(kind: ModelKind, preset: Preset, dataset: DatasetSummary | undefined): Omit<ModelAbout, 'origin'> {
  return {
    name: `${MODEL_NAMES[kind]} ${preset}`,
    dataset: dataset ? `${dataset.crystals} crystals, lengths up to ${dataset.lengthBound} Å` : 'no crystals',
  };
}

/** One model's loss history as the chart draws it, under the model's name. */
export interface LossRun {
  readonly id: string;
  readonly name: string;
  readonly history: readonly LossPoint[];
}

/**
 * The runs the loss chart draws: the open model's first (so that it keeps the first colour), then the overlaid
 * models in library order. An overlay deleted meanwhile, or the open model ticked as an overlay, is not drawn twice.
 */
export function chartRuns(
  library: readonly ModelEntry[],
  current: { readonly id?: string; readonly history: readonly LossPoint[] },
  overlays: Readonly<Record<string, readonly LossPoint[]>>,
): LossRun[] {
  const open = library.find((e) => e.id === current.id);
  const first: LossRun[] = [{ id: current.id ?? '', name: open?.name ?? 'current model', history: current.history }];
  const others = library.filter((e) => e.id !== current.id && overlays[e.id] !== undefined).map((e) => ({ id: e.id, name: e.name, history: overlays[e.id]! }));
  return [...first, ...others];
}
