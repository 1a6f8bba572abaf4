/**
 * Sampling on another tfjs backend than the one that trains. tfjs's wasm backend runs the models' forward passes
 * many times faster than the cpu backend, and a GPU backend's model may sample faster there too (small batches
 * pay a GPU's dispatch cost per op). So a model sampled elsewhere is copied
 * there: its weights go out as model files, a model is rebuilt from them on the other backend, samples, and is
 * disposed. The training model's variables are only read, and stay on the training backend.
 *
 * tfjs has one current backend per thread: while a copy samples, ops run elsewhere would run on the copy's
 * backend (tfjs moves their tensors there and back, so results stay right, but slowly). TrainingSession holds
 * training back until backendSettled().
 */
import * as tf from '@tensorflow/tfjs';
// Registers the 'wasm' backend. In Node it finds its .wasm files itself; a browser worker serves them first
// (src/ml/wasm-backend.ts).
import '@tensorflow/tfjs-backend-wasm';
import type { GenerativeModel } from '../types';
import { createModel, parameterCount } from './factory';
import { loadModelWeights, saveModelFiles } from './model-files';
import { type SampleRequest, sampleInChunks } from './sampling';

export const WASM = 'wasm';

/** Where to sample a model, and why: for the Train and Generate panels' notice. */
export interface SamplingChoice {
  /** A tfjs backend name: the training backend or 'wasm'. */
  readonly backend: string;
  /** Milliseconds of one trial pass, for each backend measured. */
  readonly trials: Readonly<Record<string, number>>;
  readonly reason: string;
}

/**
 * Work that switches tfjs's backend runs one at a time (the backend is global to the thread, and each run must
 * return to the backend it found); `pending` counts the runs under way or queued.
 */
let queue: Promise<unknown> = Promise.resolve();
let pending = 0;

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  pending++;
  const run = queue.then(work).finally(() => pending--);
  queue = run.catch(() => undefined);
  return run;
}

/** Resolves once no work on another backend is under way or queued: training must not run in between. */
export async function backendSettled(): Promise<void> {
  while (pending > 0) await queue;
}

/** Runs `work` with tfjs on `backend`, then returns to the backend that was current, also on failure. */
async function onBackend<T>(backend: string, work: () => Promise<T>): Promise<T> {
  const home = tf.getBackend();
  if (backend === home) return work();
  try {
    if (!(await tf.setBackend(backend))) throw new Error(`the ${backend} backend could not start`);
    return await work();
  } finally {
    await tf.setBackend(home);
  }
}

/** Gives `work` a copy of the model (weights only) on `backend`, and disposes the copy after. */
async function withCopy<T>(model: GenerativeModel, backend: string, work: (copy: GenerativeModel) => Promise<T>): Promise<T> {
  const files = await saveModelFiles(model, 0, { optimizer: false });
  return onBackend(backend, async () => {
    const copy = createModel(model.config);
    try {
      await loadModelWeights(copy, files);
      return await work(copy);
    } finally {
      copy.dispose();
    }
  });
}

/** sampleInChunks on `backend` (a tfjs backend name): by a copy of the model where that is not the current one. */
export function sampleOnBackend(model: GenerativeModel, backend: string, n: number, request: SampleRequest): Promise<number> {
  return oneAtATime(() =>
    backend === tf.getBackend() ? sampleInChunks(model, n, request) : withCopy(model, backend, (copy) => sampleInChunks(copy, n, request)),
  );
}

/** The trial's batch: what a GPU backend does in one fixed-cost dispatch per op shows only past a few samples. */
const TRIAL_BATCH = 2;

/** A pass this long is measure enough: a GPU backend's shader compilation is small beside it. */
const LONG_PASS_MS = 1000;

/**
 * Above this many parameters a GPU backend skips the wasm trial: copying such a model and one pass on wasm take
 * seconds (the small diffusion preset, 4.3 M parameters: 0.46 s per pass at batch 2 in Node), and a GPU that
 * trains it samples it faster.
 */
const WASM_TRIAL_PARAMETERS = 10_000_000;

/**
 * Milliseconds of one sampling pass (a GAN's generator, one DDIM step of the U-Net) at TRIAL_BATCH on the
 * current backend: after a warm-up pass (shaders, caches), the faster of two; or the warm-up itself when it
 * took over LONG_PASS_MS.
 */
async function timePass(model: GenerativeModel): Promise<number> {
  const pass = async () => {
    const started = performance.now();
    const out = (await model.sample(TRIAL_BATCH, { sampler: 'ddim', steps: 1, seed: 0 }))!;
    await out.data();
    out.dispose();
    return performance.now() - started;
  };
  const first = await pass();
  return first > LONG_PASS_MS ? first : Math.min(await pass(), await pass());
}

async function measure(model: GenerativeModel, trainingBackend: string): Promise<SamplingChoice> {
  if (trainingBackend === WASM) return { backend: WASM, trials: {}, reason: 'sampling on wasm, where the model trains' };
  const parameters = parameterCount(model);
  if (trainingBackend !== 'cpu' && parameters > WASM_TRIAL_PARAMETERS) {
    const size = `${(parameters / 1e6).toFixed(0)} M parameters`;
    return { backend: trainingBackend, trials: {}, reason: `sampling on ${trainingBackend}: at ${size} the model is too large for a quick trial on wasm` };
  }
  let wasm: number;
  try {
    wasm = await withCopy(model, WASM, timePass);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { backend: trainingBackend, trials: {}, reason: `sampling on ${trainingBackend}: wasm is not available (${why})` };
  }
  const training = await onBackend(trainingBackend, () => timePass(model));
  const trials = { [trainingBackend]: training, [WASM]: wasm };
  const [backend, other] = wasm < training ? [WASM, trainingBackend] : [trainingBackend, WASM];
  const ms = (name: string) => `${trials[name]!.toFixed(1)} ms`;
  return { backend, trials, reason: `sampling on ${backend}: ${ms(backend)} per pass against ${other}'s ${ms(other)} (batch ${TRIAL_BATCH})` };
}

/** Choices by training backend and network (kind, preset, hyper-parameters): the weights do not change speed. */
const choices = new Map<string, Promise<SamplingChoice>>();

/**
 * The faster of the training backend and wasm for sampling this model, by a short measured trial on each; the
 * training backend where wasm does not start or fails. Measured once per network and training backend.
 */
export function chooseSamplingBackend(model: GenerativeModel, trainingBackend: string): Promise<SamplingChoice> {
  const { kind, preset, hyper } = model.config;
  const key = JSON.stringify([trainingBackend, kind, preset, hyper]);
  let choice = choices.get(key);
  if (!choice) {
    choice = oneAtATime(() => measure(model, trainingBackend));
    choices.set(key, choice);
    choice.catch(() => choices.delete(key));
  }
  return choice;
}
