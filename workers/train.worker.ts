// Thin adapter: the backend plan (src/ml/engine/backend-plan.ts: choice, trials, moves, device-loss recovery) and
// its training session (src/ml/engine/session.ts) in a worker, with checkpoints and remembered trials in
// IndexedDB. The browser's side of the plan is here: which backends this browser has (src/ml/backend.ts), a lost
// WebGPU device, and a second worker that times a model's step.
import * as Comlink from 'comlink';
import type { Crystal } from '../src/core/crystal';
import { chooseTrainingBackend, webgpuDeviceLost } from '../src/ml/backend';
import { type BackendHost, BackendPlan, type StepTiming } from '../src/ml/engine/backend-plan';
import { IndexedDbCheckpointStore } from '../src/ml/engine/checkpoint-idb';
import { ReportedCheckpointStore } from '../src/ml/engine/checkpoint-reported';
import type { ModelRequest } from '../src/ml/engine/factory';
import type { ModelFiles } from '../src/ml/engine/model-files';
import { fetchPretrainedManifest, fetchPretrainedModel, type PretrainedModel } from '../src/ml/engine/pretrained';
import type { SampleRequest } from '../src/ml/engine/sampling';
import type { SamplingChoice } from '../src/ml/engine/sampling-backend';
import type { SessionSampleRequest } from '../src/ml/engine/session';
import type { ProgressEvent } from '../src/ml/engine/trainer';
import { IndexedDbTrials } from '../src/ml/engine/trial-memory-idb';
import { fallbackBackend } from '../src/ml/engine/training-backend';
import { serveWasmBackend } from '../src/ml/wasm-backend';
import type { ModelConfig, TrainingBackend } from '../src/ml/types';
import type { TrialWorkerApi } from './trial.worker';

serveWasmBackend(); // training and sampling may run on wasm

/** Times a model's step in a worker of its own, ended after it: its backends (a GPU device, a wasm heap) are not held while training runs. */
async function measureInTrialWorker(config: ModelConfig, batch: Float32Array, backends: readonly TrainingBackend[]) {
  const worker = new Worker(new URL('./trial.worker.ts', import.meta.url), { type: 'module', name: 'trial' });
  try {
    // Comlink waits forever on a worker that failed to start: its error event ends the trial instead.
    const failed = new Promise<never>((_, reject) => worker.addEventListener('error', (e) => reject(new Error(e.message || 'the trial worker failed to start'))));
    return await Promise.race([Comlink.wrap<TrialWorkerApi>(worker).trial(config, Comlink.transfer(batch, [batch.buffer as ArrayBuffer]), [...backends]), failed]);
  } finally {
    worker.terminate();
  }
}

const browser: BackendHost = {
  choose: chooseTrainingBackend,
  deviceLost: (backend) => (backend === 'webgpu' ? webgpuDeviceLost() : undefined),
  fallback: (failed) => fallbackBackend(failed),
  measure: measureInTrialWorker,
  device: {
    userAgent: navigator.userAgent,
    cores: navigator.hardwareConcurrency,
    ...((navigator as { gpu?: unknown }).gpu ? { gpu: 'webgpu' } : {}),
  },
};

const checkpoints = new IndexedDbCheckpointStore();
/** Where a checkpoint that could not be saved is told (the page's notices, once init has been called). */
let storageNotice: ((message: string) => void) | undefined;
const plan = new BackendPlan({
  host: browser,
  checkpoints: new ReportedCheckpointStore(checkpoints, (message) => storageNotice?.(message)),
  trials: new IndexedDbTrials(),
});

/**
 * One tab at a time trains or replaces the model: every tab checkpoints to the one `current` slot, so a second
 * tab would overwrite the first's model. A Web Lock is held while a run goes (a paused run lets it go); another
 * tab is refused with the reason meanwhile (issue 12). `held` lets this tab's own calls through while it holds it.
 */
let held = 0;
async function exclusively<T>(work: () => Promise<T>): Promise<T> {
  const locks = (navigator as { locks?: LockManager }).locks;
  if (!locks || held > 0) return work();
  return await locks.request('crystens-studio-training', { ifAvailable: true }, async (lock) => {
    if (!lock) throw new Error('another tab of the studio is training, and both would save to one checkpoint: train in one tab at a time');
    held++;
    try {
      return await work();
    } finally {
      held--;
    }
  });
}

const api = {
  /** The backend, chosen on first use; asking for another one later moves the session there (useBackend). */
  async init(preferred?: TrainingBackend, onNotice?: (message: string) => void) {
    if (onNotice) plan.watchNotices(onNotice);
    storageNotice = onNotice;
    return plan.init(preferred);
  },
  /** Moves the session, and its model with its optimiser state and step, to `backend` (not while training runs). */
  useBackend: (backend: TrainingBackend) => plan.useBackend(backend),
  backend: () => plan.backend,
  checkpoints: () => checkpoints.list(),
  setCrystals: (given: readonly Crystal[]) => plan.setCrystals(given),
  /** A fresh model; unless the researcher chose the backend, a trial may move it to a faster one. */
  newModel: (request: Omit<ModelRequest, 'normalization'>) => exclusively(() => plan.newModel(request)),
  /** Where training runs and the time of a step there, now and whenever a trial or a move changes them. */
  watchTiming(callback: (timing: StepTiming) => void) {
    plan.watchTiming(callback);
  },
  /** The models listed in the studio's models folder (`indexUrl`, absolute). */
  pretrainedModels: async (indexUrl: string) => (await fetchPretrainedManifest(indexUrl)).models,
  /**
   * A pretrained model from the studio's models folder (`indexUrl`, absolute) becomes the session's model, with
   * its normalisation bounds: the crystals are measured against them again (those beyond are skipped).
   */
  usePretrained: async (indexUrl: string, entry: PretrainedModel) => {
    const files = await fetchPretrainedModel(indexUrl, entry);
    return exclusively(() => plan.adoptModel(files));
  },
  resumeSaved: () => plan.request((session) => session.resumeSaved()),
  status: () => plan.session.status,
  train: (totalSteps: number, onProgress: (e: ProgressEvent) => void) => exclusively(() => plan.request((session) => session.train(totalSteps, onProgress))),
  pause: () => plan.session.pause(),
  resume: () => exclusively(() => plan.session.resume()),
  stop: () => plan.session.stop(),
  step: (onProgress: (e: ProgressEvent) => void) => exclusively(() => plan.request((session) => session.stepOnce(onProgress))),
  /** Samples on the faster of the training backend and wasm (measured once per network); says which, and why. */
  sample: (
    n: number,
    request: Omit<SessionSampleRequest, 'onChunk' | 'onProgress' | 'backend'>,
    onChunk: SampleRequest['onChunk'],
    onProgress?: SampleRequest['onProgress'],
    onChoice?: (choice: SamplingChoice) => void,
  ) =>
    plan.request(async (session) => {
      const choice = await session.samplingChoice();
      onChoice?.(choice);
      return session.sample(n, { ...request, backend: choice.backend, onChunk, onProgress });
    }),
  cancelSampling: () => plan.session.cancelSampling(),
  exportModel: () => plan.request((session): Promise<ModelFiles> => session.exportModel()),
  // An imported model is saved as the checkpoint a reload resumes from at once, as a pretrained one is (issue 12).
  importModel: async (files: ModelFiles) => (await exclusively(() => plan.adoptModel(files))).status,
};

export type TrainWorkerApi = typeof api;

Comlink.expose(api);
