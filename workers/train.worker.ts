// Thin adapter: the training session (src/ml/engine/session.ts) in a worker, on the backend chosen here, with
// checkpoints in IndexedDB. The user may move the session to another backend; a lost WebGPU device moves it to
// the next backend from its last checkpoint.
import * as Comlink from 'comlink';
import type { Crystal } from '../src/core/crystal';
import { type BackendChoice, chooseTrainingBackend, webgpuDeviceLost } from '../src/ml/backend';
import { IndexedDbCheckpointStore } from '../src/ml/engine/checkpoint-idb';
import type { TrainingTrial } from '../src/ml/engine/backend-trial';
import { fetchPretrainedManifest, fetchPretrainedModel, type PretrainedModel } from '../src/ml/engine/pretrained';
import { type Device, mergeTrials, moveAfterTrial, planTrial, trialKey } from '../src/ml/engine/trial-memory';
import { IndexedDbTrials } from '../src/ml/engine/trial-memory-idb';
import { fallbackBackend } from '../src/ml/engine/training-backend';
import type { ModelRequest } from '../src/ml/engine/factory';
import type { ModelFiles } from '../src/ml/engine/model-files';
import type { SampleRequest } from '../src/ml/engine/sampling';
import { CURRENT, type SessionSampleRequest, type SessionStatus, TrainingSession } from '../src/ml/engine/session';
import type { SamplingChoice } from '../src/ml/engine/sampling-backend';
import type { ProgressEvent } from '../src/ml/engine/trainer';
import { serveWasmBackend } from '../src/ml/wasm-backend';
import type { ModelConfig, TrainingBackend } from '../src/ml/types';
import type { TrialWorkerApi } from './trial.worker';

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

/** Where the session trains and how long a step takes there (once timed), for the Train panel's estimate. */
export interface StepTiming {
  readonly choice: BackendChoice;
  readonly msPerStep?: number;
  /** A trial is timing the model's step now. */
  readonly measuring: boolean;
}
const trials = new IndexedDbTrials();
let onTiming: ((timing: StepTiming) => void) | undefined;
/** Counts models made here: a trial's result applies only to the model it was started for. */
let modelsMade = 0;
/** Requests under way (a trial's result moves no session from under one), and a move under way (they wait). */
let requests = 0;
let moving: Promise<unknown> = Promise.resolve();

function device(): Device {
  const gpu = (navigator as { gpu?: unknown }).gpu ? 'webgpu' : undefined;
  return { userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency, backends: choice?.available ?? [], ...(gpu && { gpu }) };
}

function reportTiming(trial: TrainingTrial | undefined, measuring: boolean): void {
  const current = choice!;
  onTiming?.({ choice: current, measuring, ...(trial?.ms[current.backend] !== undefined && { msPerStep: trial.ms[current.backend] }) });
}

/**
 * A new model starts at once: on the fastest backend a remembered trial names, else where it is while a second
 * worker times it (src/ml/engine/trial-memory.ts); the result is remembered and moves a model that took no step.
 */
async function startTrial(status: SessionStatus): Promise<SessionStatus> {
  const made = ++modelsMade;
  const key = trialKey(device(), status.config);
  const situation = { config: status.config, parameters: status.parameters, current: choice!.backend, available: choice!.available, pinned };
  const remembered = await trials.recall(key);
  const plan = planTrial(situation, remembered);
  if (plan.moveTo) {
    await (moving = moveSession(plan.moveTo, await session.exportModel()));
    notify?.(`${remembered!.summary} (remembered): training moved to ${plan.moveTo}`);
  }
  reportTiming(remembered, plan.measure.length > 0);
  if (plan.measure.length > 0) void measureAside(key, status.config, session.firstBatch(), plan.measure, made);
  return session.status!;
}

async function measureAside(key: string, config: ModelConfig, batch: Float32Array, backends: readonly TrainingBackend[], made: number): Promise<void> {
  // A worker per trial, ended after it: its backends (a GPU device, a wasm heap) are not held while training runs.
  const worker = new Worker(new URL('./trial.worker.ts', import.meta.url), { type: 'module', name: 'trial' });
  try {
    // Comlink waits forever on a worker that failed to start: its error event ends the trial instead.
    const failed = new Promise<never>((_, reject) => worker.addEventListener('error', (e) => reject(new Error(e.message || 'the trial worker failed to start'))));
    const timed = await Promise.race([Comlink.wrap<TrialWorkerApi>(worker).trial(config, Comlink.transfer(batch, [batch.buffer as ArrayBuffer]), [...backends]), failed]);
    const trial = mergeTrials(await trials.recall(key), timed);
    await trials.remember(key, trial);
    if (made !== modelsMade) return; // another model replaced this one meanwhile
    const stepsTaken = session.training || requests > 0 ? 1 : (session.status?.step ?? 1);
    const target = moveAfterTrial(trial, { current: choice!.backend, pinned }, stepsTaken);
    if (target) {
      await (moving = moveSession(target, await session.exportModel()));
      notify?.(`${trial.summary}: training moved to ${target}`);
    } else if (!pinned && trial.fastest !== choice!.backend) {
      notify?.(`${trial.summary}: training stays on ${choice!.backend}, where the run began (the backend picker moves it to ${trial.fastest})`);
    } else {
      notify?.(`${trial.summary}: training stays on ${choice!.backend}`);
    }
    reportTiming(trial, false);
  } catch (e) {
    notify?.(`timing a training step failed: ${e instanceof Error ? e.message : String(e)}`);
    if (made === modelsMade) reportTiming(undefined, false);
  } finally {
    worker.terminate();
  }
}

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
    await moving;
    requests++;
    try {
      return await f(...args);
    } finally {
      requests--;
    }
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
  checkpoints: () => checkpoints.list(),
  setCrystals(given: readonly Crystal[]) {
    crystals = given;
    return session.setCrystals(given);
  },
  /**
   * A fresh model. Unless the researcher chose the backend, a small model's training step is timed on every
   * backend that works here, and the session moves to the fastest.
   */
  newModel: withBackend(async (request: Omit<ModelRequest, 'normalization'>) => startTrial(await session.newModel(request))),
  /** Where training runs and the time of a step there, now and whenever a trial or a move changes them. */
  watchTiming(callback: (timing: StepTiming) => void) {
    onTiming = callback;
  },
  /** The models listed in the studio's models folder (`indexUrl`, absolute). */
  pretrainedModels: async (indexUrl: string) => (await fetchPretrainedManifest(indexUrl)).models,
  /**
   * A pretrained model from the studio's models folder (`indexUrl`, absolute) becomes the session's model, with
   * its normalisation bounds: the crystals are measured against them again (those beyond are skipped).
   */
  usePretrained: withBackend(async (indexUrl: string, entry: PretrainedModel) => {
    const files = await fetchPretrainedModel(indexUrl, entry);
    const status = await session.importModel(files);
    await checkpoints.save(CURRENT, files); // a reload resumes from it, as from a created model
    modelsMade++;
    reportTiming(await trials.recall(trialKey(device(), status.config)), false);
    return { status, dataset: crystals.length > 0 ? session.setCrystals(crystals) : undefined };
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
      request: Omit<SessionSampleRequest, 'onChunk' | 'onProgress' | 'backend'>,
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
