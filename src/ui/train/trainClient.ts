/** The page's handle on the training worker (workers/train.worker.ts): one worker, created on first use. */
import * as Comlink from 'comlink';
import type { Crystal } from '../../core/crystal';
import { datasetBuffers } from '../../core/crystens/dataset';
import type { DatasetSummary } from '../../ml/engine/session';
import type { TrainWorkerApi } from '../../../workers/train.worker';
import { datasetInWorker } from '../crystalClient';

let worker: Comlink.Remote<TrainWorkerApi> | undefined;

export function trainWorker(): Comlink.Remote<TrainWorkerApi> {
  worker ??= Comlink.wrap<TrainWorkerApi>(
    new Worker(new URL('../../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'train' }),
  );
  return worker;
}

/**
 * Hands the crystals to the training worker as a compact dataset: built in the crystal worker, its arrays move
 * from there to the page and on to training without a copy (no clone of the crystals reaches the training worker).
 */
export async function trainOn(crystals: readonly Crystal[]): Promise<DatasetSummary> {
  const built = await datasetInWorker(crystals);
  return trainWorker().setDataset(Comlink.transfer(built, datasetBuffers(built.dataset)));
}

export { Comlink };
