// Thin adapter: the training session (src/ml/engine/session.ts) in a worker, on the backend chosen here, with
// checkpoints in IndexedDB. The user may move the session to another backend; a lost WebGPU device moves it to
// the next backend from its last checkpoint.
import * as Comlink from 'comlink';
import type { Crystal } from '../src/core/crystal';
import { type BackendChoice, chooseTrainingBackend, webgpuDeviceLost } from '../src/ml/backend';
import { IndexedDbCheckpointStore } from '../src/ml/engine/checkpoint-idb';
import { MODEL_TRIAL_PARAMETERS, trialTrainingStep } from '../src/ml/engine/backend-trial';
import { fallbackBackend } from '../src/ml/engine/training-backend';
import { type ModelRequest, modelConfig } from '../src/ml/engine/factory';
import type { ModelFiles } from '../src/ml/engine/model-files';
import type { SampleRequest } from '../src/ml/engine/sampling';
import { CURRENT, TrainingSession } from '../src/ml/engine/session';
import type { SamplingChoice } from '../src/ml/engine/sampling-backend';
import type { ProgressEvent } from '../src/ml/engine/trainer';
import { serveWasmBackend } from '../src/ml/wasm-backend';
import type { ModelConfig, ModelKind, Preset, TrainingBackend } from '../src/ml/types';

serveWasmBackend(); // training and sampling may run on wasm
const checkpoints = new IndexedDbCheckpointStore();
let session = new TrainingSession(checkpoints);
let choice: BackendChoice | undefined;
let notify: ((message: string) => void) | undefined;
/** Whether the researcher chose the backend (then no trial moves the session). */
let pinned = false;
/** Kept to rebuild the session on another backend. */
let crystals: readonly Crystal[] = [];

/** A fresh session on `backend` (or, failing it, the next that works), with the model of `files` if given. */
async function moveSession(backend: TrainingBackend, files: ModelFiles | undefined): Promise<BackendChoice> {
  session.dispose();
  session = new TrainingSession(checkpoints);
  backendReady = undefined;
  const moved = await ready(backend);
  session.setCrystals(crystals);
  if (files) await session.importModel(files);
  return moved;
}

async function watchDevice(): Promise<void> {
  const lost = webgpuDeviceLost();
  if (!lost) return;
  const message = await lost;
  // Variables on a lost device are gone: rebuild on the next backend from the last checkpoint.
  const moved = await moveSession(fallbackBackend('webgpu'), await checkpoints.load(CURRENT));
  notify?.(`${message}; training moved to ${moved.backend} from the last checkpoint`);
}

let backendReady: Promise<BackendChoice> | undefined;

/** The backend, chosen on first use (or as init asked). */
function ready(preferred?: TrainingBackend): Promise<BackendChoice> {
  backendReady ??= chooseTrainingBackend(preferred).then((c) => {
    choice = c;
    void watchDevice();
    return c;
  });
  return backendReady;
}

/** Runs `f` once a backend is ready. */
const withBackend =
  <A extends unknown[], R>(f: (...args: A) => R) =>
  async (...args: A): Promise<Awaited<R>> => {
    await ready();
    return await f(...args);
  };

const api = {
  /** The backend, chosen on first use; asking for another one later moves the session there (useBackend). */
  async init(preferred?: TrainingBackend, onNotice?: (message: string) => void): Promise<BackendChoice> {
    if (onNotice) notify = onNotice;
    pinned ||= preferred !== undefined;
    const current = await ready(preferred);
    return preferred && current.backend !== preferred ? api.useBackend(preferred) : current;
  },
  /**
   * Moves the session, and its model with its optimiser state and step, to `backend`. Not while training runs;
   * a paused run goes on from its step with the Train button (batches and noise are keyed to the step).
   */
  async useBackend(backend: TrainingBackend): Promise<BackendChoice> {
    pinned = true;
    const current = await ready();
    if (current.backend === backend) return current;
    if (session.training) throw new Error('pause the training before moving it to another backend');
    return moveSession(backend, session.status ? await session.exportModel() : undefined);
  },
  backend: () => choice,
  /** The batch size and hyper-parameters a preset gives a model, for the Train panel's form. */
  presetDefaults(kind: ModelKind, preset: Preset): Pick<ModelConfig, 'batchSize' | 'hyper'> {
    const { batchSize, hyper } = modelConfig({ kind, preset, normalization: { lengthBound: 1 } });
    return { batchSize, hyper };
  },
  checkpoints: () => checkpoints.list(),
  setCrystals(given: readonly Crystal[]) {
    crystals = given;
    return session.setCrystals(given);
  },
  /**
   * A fresh model. Unless the researcher chose the backend, a small model's training step is timed on every
   * backend that works here, and the session moves to the fastest.
   */
  newModel: withBackend(async (request: Omit<ModelRequest, 'normalization'>) => {
    const status = await session.newModel(request);
    const available = choice?.available ?? [];
    if (pinned || status.parameters > MODEL_TRIAL_PARAMETERS || available.length < 2) return status;
    const trial = await trialTrainingStep(status.config, session.firstBatch(), available);
    if (trial.fastest === choice?.backend) {
      notify?.(`${trial.summary}: training stays on ${trial.fastest}`);
      return status;
    }
    await moveSession(trial.fastest, await session.exportModel());
    notify?.(`${trial.summary}: training moved to ${trial.fastest}`);
    return session.status!;
  }),
  resumeSaved: withBackend(() => session.resumeSaved()),
  status: () => session.status,
  train: withBackend((totalSteps: number, onProgress: (e: ProgressEvent) => void) => session.train(totalSteps, onProgress)),
  pause: () => session.pause(),
  resume: () => session.resume(),
  stop: () => session.stop(),
  step: withBackend((onProgress: (e: ProgressEvent) => void) => session.stepOnce(onProgress)),
  /** Samples on the faster of the training backend and wasm (measured once per network); says which, and why. */
  sample: withBackend(
    async (
      n: number,
      request: Omit<SampleRequest, 'onChunk' | 'onProgress'>,
      onChunk: SampleRequest['onChunk'],
      onProgress?: SampleRequest['onProgress'],
      onChoice?: (choice: SamplingChoice) => void,
    ) => {
      const choice = await session.samplingChoice();
      onChoice?.(choice);
      return session.sample(n, { ...request, backend: choice.backend, onChunk, onProgress });
    },
  ),
  cancelSampling: () => session.cancelSampling(),
  exportModel: withBackend((): Promise<ModelFiles> => session.exportModel()),
  importModel: withBackend((files: ModelFiles) => session.importModel(files)),
};

export type TrainWorkerApi = typeof api;

Comlink.expose(api);
