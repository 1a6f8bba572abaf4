// Thin adapter: the backend plan (src/ml/engine/backend-plan.ts: choice, trials, moves, device-loss recovery) and
// its training session (src/ml/engine/session.ts) in a worker, with the model library (model-library.ts: each
// model checkpointed under its own id, a Web Lock per model while it trains, model-locks.ts) and remembered trials in
// IndexedDB. The browser's side of the plan is here: which backends this browser has (src/ml/backend.ts), a lost
// WebGPU device, and a second worker that times a model's step.
import * as Comlink from 'comlink';
import type { BuiltDataset } from '../src/core/crystens/dataset';
import { chooseTrainingBackend, webgpuDeviceLost } from '../src/ml/backend';
import { type BackendHost, BackendPlan, type StepTiming } from '../src/ml/engine/backend-plan';
import { IndexedDbCheckpointStore } from '../src/ml/engine/checkpoint-idb';
import { ReportedCheckpointStore } from '../src/ml/engine/checkpoint-reported';
import type { ModelRequest } from '../src/ml/engine/factory';
import type { ModelFiles } from '../src/ml/engine/model-files';
import { type MetricsBasis, type ModelAbout, ModelLibrary } from '../src/ml/engine/model-library';
import { IndexedDbLibraryRecords } from '../src/ml/engine/model-library-idb';
import { ModelLocks } from '../src/ml/engine/model-locks';
import { fetchPretrainedManifest, fetchPretrainedModel, type PretrainedModel, type ReleaseMetrics } from '../src/ml/engine/pretrained';
import type { SampleRequest } from '../src/ml/engine/sampling';
import type { SamplingChoice } from '../src/ml/engine/sampling-backend';
import type { SessionSampleRequest, SessionStatus } from '../src/ml/engine/session';
import type { LiveSampleSettings, LiveSamples } from '../src/ml/engine/live-samples';
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
const libraryRecords = new IndexedDbLibraryRecords();
const library = new ModelLibrary(libraryRecords, checkpoints);
/** Where a checkpoint that could not be saved is told (the page's notices, once init has been called). */
let storageNotice: ((message: string) => void) | undefined;
const plan = new BackendPlan({
  host: browser,
  checkpoints: new ReportedCheckpointStore(library, (message) => storageNotice?.(message)),
  trials: new IndexedDbTrials(),
});
const webLocks = (navigator as { locks?: LockManager }).locks;
const locks = new ModelLocks(webLocks);

/** The library's name of a model, for messages. */
const nameOf = async (id: string) => (await library.get(id))?.name ?? 'this model';

/**
 * Training work on the session's model, holding its lock (a second tab is refused). Another tab may have trained
 * the model meanwhile (this tab's copy is then behind its checkpoint): it is reloaded from there rather than
 * trained on from the stale copy and saved over the newer one, and the researcher asked to start again. A model
 * another tab deleted is not trained (its checkpoints would be kept with no entry to find them by).
 */
async function onCurrentModel<T>(work: () => Promise<T>): Promise<T> {
  const id = plan.session.checkpointKey;
  return locks.hold(id, await nameOf(id), async () => {
    const entry = await library.get(id);
    const [saved, here] = [entry?.steps, plan.session.status?.step];
    if (!entry && here !== undefined) throw new Error('this model is no longer in the library (deleted in another tab?): open or create another');
    if (saved !== undefined && here !== undefined && saved > here) {
      await plan.openSaved(id);
      throw new Error(`another tab trained ${await nameOf(id)} to step ${saved} meanwhile: this tab has reloaded it from there, so start again`);
    }
    return work();
  });
}

/** A model made or adopted under a reserved id, then listed in the library. */
async function listed<R extends { status: SessionStatus }>(about: ModelAbout, make: (id: string) => Promise<R>) {
  const id = library.reserveId();
  const made = await make(id);
  return { ...made, entry: await library.add(id, about, made.status) };
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
  /** The checkpoint of the session's model (the panel shows where a reload resumes). */
  checkpoints: async () => {
    const info = await checkpoints.info(plan.session.checkpointKey);
    return info ? [info] : [];
  },
  /**
   * The library, once the studio's one `current` checkpoint of before the library (if any) has become an entry:
   * under a lock, so that two tabs opened at once migrate it once.
   */
  async openLibrary() {
    const migrate = () => library.migrateCurrent();
    const migrated = await (webLocks ? webLocks.request('crystens-model-library-migration', migrate) : migrate());
    return { models: await library.list(), migrated };
  },
  library: () => library.list(),
  /** Calls `callback` whenever another tab changes the library (a model made, renamed, deleted or trained there). */
  watchLibrary(callback: () => void) {
    libraryRecords.watch(callback);
  },
  /** The library's model `id` becomes the session's (not while this tab trains). */
  openModel: async (id: string) => {
    if (plan.session.training) throw new Error('pause the training before switching models');
    const opened = await plan.openSaved(id);
    if (!opened) throw new Error(`the checkpoint of ${await nameOf(id)} is missing`);
    return opened;
  },
  renameModel: (id: string, name: string) => library.rename(id, name),
  /** Files the metrics of samples drawn from model `id` (the Compare panel's scores) with its library entry. */
  recordMetrics: (id: string, metrics: ReleaseMetrics, at: MetricsBasis) => library.recordMetrics(id, metrics, at),
  /** A new entry from the model's latest weights (the session's, when it is the open one), to fine-tune apart. */
  duplicateModel: async (id: string) => library.duplicate(id, await api.modelFiles(id)),
  /** Deletes a model and its checkpoint; not the open one, nor one another tab trains. */
  deleteModel: async (id: string) => {
    if (id === plan.session.checkpointKey && plan.session.status) throw new Error('switch to another model before deleting this one');
    await locks.hold(id, await nameOf(id), () => library.delete(id));
  },
  /** The model files of library model `id`, for export. */
  modelFiles: async (id: string): Promise<ModelFiles> => {
    if (id === plan.session.checkpointKey && plan.session.status) return plan.request((session) => session.exportModel());
    const files = await library.load(id);
    if (!files) throw new Error(`the checkpoint of ${await nameOf(id)} is missing`);
    return files;
  },
  /** The crystals to train on, built in the crystal worker: its arrays are transferred here, not copied. */
  setDataset: (given: BuiltDataset) => plan.setDataset(given),
  /** A fresh model, a new library entry; unless the researcher chose the backend, a trial may move it to a faster one. */
  newModel: (request: Omit<ModelRequest, 'normalization'>, about: Omit<ModelAbout, 'origin'>) =>
    listed({ ...about, origin: 'created' }, async (id) => ({ status: await plan.newModel(request, id) })),
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
    const release = entry.metrics && { metrics: entry.metrics, metricsAt: { step: entry.steps, against: `${entry.dataset}'s test split, at release` } };
    const about = { name: entry.id, dataset: entry.dataset, origin: `pretrained ${entry.id}`, ...release };
    return listed(about, (id) => plan.adoptModel(files, id));
  },
  status: () => plan.session.status,
  /** Live samples while training: how often, how many (every 0: none), and where each draw goes (its array moves). */
  liveSamples: (settings: LiveSampleSettings, onSamples: (samples: LiveSamples) => void) =>
    plan.setLiveSamples(settings, (samples) => onSamples(Comlink.transfer(samples, [samples.tensors.buffer as ArrayBuffer]))),
  train: (totalSteps: number, onProgress: (e: ProgressEvent) => void) => onCurrentModel(() => plan.request((session) => session.train(totalSteps, onProgress))),
  pause: () => plan.session.pause(),
  resume: () => onCurrentModel(() => plan.session.resume()),
  // A stop saves a checkpoint: only the tab that holds the model may.
  stop: () => onCurrentModel(() => plan.session.stop()),
  step: (onProgress: (e: ProgressEvent) => void) => onCurrentModel(() => plan.request((session) => session.stepOnce(onProgress))),
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
      // Each chunk's array moves to the page (sampleInChunks hands over an array of its own).
      const transferred: SampleRequest['onChunk'] = (tensors, offset, count) => onChunk(Comlink.transfer(tensors, [tensors.buffer as ArrayBuffer]), offset, count);
      return session.sample(n, { ...request, backend: choice.backend, onChunk: transferred, onProgress });
    }),
  cancelSampling: () => plan.session.cancelSampling(),
  exportModel: () => plan.request((session): Promise<ModelFiles> => session.exportModel()),
  // An imported model is a library entry, checkpointed at once, as a pretrained one is (issue 12).
  importModel: (files: ModelFiles, fileName: string) =>
    listed({ name: fileName.replace(/\.zip$/i, ''), dataset: 'not recorded (imported)', origin: `imported from ${fileName}` }, (id) => plan.adoptModel(files, id)),
};

export type TrainWorkerApi = typeof api;

Comlink.expose(api);
