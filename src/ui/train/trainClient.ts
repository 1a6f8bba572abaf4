/** The page's handle on the training worker (workers/train.worker.ts): one worker, created on first use. */
import * as Comlink from 'comlink';
import type { TrainWorkerApi } from '../../../workers/train.worker';

let worker: Comlink.Remote<TrainWorkerApi> | undefined;

export function trainWorker(): Comlink.Remote<TrainWorkerApi> {
  worker ??= Comlink.wrap<TrainWorkerApi>(
    new Worker(new URL('../../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'train' }),
  );
  return worker;
}

export { Comlink };
