/**
 * The Train panel's state: the form, the model library and the model open in this tab, its progress and loss
 * history. The worker owns the models, their checkpoints and the library; this store only mirrors what the page
 * shows (and saves each model's loss history, loss-histories.ts, so that the curves come back with the model).
 */
import { create } from 'zustand';
import type { Crystal } from '../../core/crystal';
import type { BackendChoice, StepTiming } from '../../ml/engine/backend-plan';
import type { CheckpointInfo } from '../../ml/engine/checkpoint-idb';
import type { MetricsBasis, ModelEntry } from '../../ml/engine/model-library';
import type { PretrainedModel, ReleaseMetrics } from '../../ml/engine/pretrained';
import type { DatasetSummary, SessionStatus } from '../../ml/engine/session';
import { LIVE_SAMPLE_DEFAULTS, type LiveSampleSettings, type LiveSamples } from '../../ml/engine/live-samples';
import type { ProgressEvent, TrainerState } from '../../ml/engine/trainer';
import type { HyperOverrides } from '../../ml/hyper';
import { defaultBatchSize } from '../../ml/presets';
import type { ModelKind, Preset, TrainingBackend } from '../../ml/types';
import { persistSlice } from '../persist';
import { keptOverrides } from './hyper-form';
import { newModelAbout } from './library';
import { loadLossHistory, removeLossHistory, saveLossHistory } from './loss-histories';
import { pretrainedIndexUrl } from './pretrained-view';
import { Comlink, trainOn, trainWorker } from './trainClient';

export interface TrainSettings {
  readonly kind: ModelKind;
  readonly preset: Preset;
  readonly seed: number;
  readonly batchSize: number;
  /** Overrides of the preset's hyper-parameters (the form starts from the preset's own, ml/presets.ts). */
  readonly hyper: HyperOverrides;
  /** Train until this step. */
  readonly totalSteps: number;
  /** The backend the researcher chose; unset, the worker's trial chooses. */
  readonly backend?: TrainingBackend;
}

export interface LossPoint {
  readonly step: number;
  readonly losses: Readonly<Record<string, number>>;
}

/** A model the worker has opened, as it reports it. */
interface OpenedModel {
  readonly status: SessionStatus;
  readonly dataset?: DatasetSummary;
  readonly entry: ModelEntry;
}

export interface TrainState {
  readonly settings: TrainSettings;
  /** Every model kept (model-library.ts), in the order made, as the worker last listed it. */
  readonly library: readonly ModelEntry[];
  /** The library id of the model open in this tab. */
  readonly currentId?: string;
  /** Other library models' loss histories, drawn beside the open model's, by id. */
  readonly overlays: Readonly<Record<string, readonly LossPoint[]>>;
  readonly backend?: BackendChoice;
  readonly dataset?: DatasetSummary;
  readonly model?: SessionStatus;
  /** The run's state as the training worker's Trainer last reported it. */
  readonly phase: TrainerState;
  readonly last?: ProgressEvent;
  readonly history: readonly LossPoint[];
  readonly checkpoints: readonly CheckpointInfo[];
  /** Things the user must read: fallbacks, restored steps, failures. Newest last. */
  readonly notices: readonly string[];
  /** A request in flight (creating a model, a single step). */
  readonly busy: boolean;
  /** The models the studio ships (public/models/index.json), or why they could not be listed. */
  readonly pretrained: { readonly models: readonly PretrainedModel[]; readonly error?: string } | undefined;
  /** The pretrained model being fetched and loaded. */
  readonly loadingPretrained?: string;
  /** Where training runs and, once timed, a step's milliseconds there (for the estimate before a run). */
  readonly timing?: StepTiming;
  /** How often live samples are drawn while training, and how many. */
  readonly liveSettings: LiveSampleSettings;
  /** The open model's latest live samples. */
  readonly live?: LiveSamples;

  readonly init: () => Promise<void>;
  readonly setCrystals: (crystals: readonly Crystal[]) => Promise<void>;
  readonly configure: (change: Partial<TrainSettings>) => Promise<void>;
  readonly createModel: () => Promise<void>;
  readonly train: () => Promise<void>;
  readonly pause: () => Promise<void>;
  readonly resume: () => Promise<void>;
  readonly step: () => Promise<void>;
  readonly stop: () => Promise<void>;
  /** Moves training (and the model) to another tfjs backend. */
  readonly moveToBackend: (backend: TrainingBackend) => Promise<void>;
  /** An imported model, now in the library, is the open one. */
  readonly adoptModel: (opened: OpenedModel) => Promise<void>;
  /** Adds a listed pretrained model to the library and opens it. */
  readonly startFromPretrained: (entry: PretrainedModel) => Promise<void>;
  /** Opens another library model in this tab (the one open stays in the library as it was last saved). */
  readonly openModel: (id: string) => Promise<void>;
  readonly renameModel: (id: string, name: string) => Promise<void>;
  /** Files the metrics of samples drawn from a library model (the Compare panel's scores) with its entry. */
  readonly recordMetrics: (id: string, metrics: ReleaseMetrics, at: MetricsBasis) => Promise<void>;
  /** Copies a model, with its curves, as a new library entry and opens the copy, to fine-tune apart from the original. */
  readonly duplicateModel: (id: string) => Promise<void>;
  /** Deletes a model, its checkpoint and its curves (the caller has asked the researcher). */
  readonly deleteModel: (id: string) => Promise<void>;
  /** Draws, or stops drawing, a library model's loss curves beside the open model's. */
  readonly overlay: (id: string, shown: boolean) => Promise<void>;
  /** Live samples from now on, in a running training too. */
  readonly setLiveSettings: (settings: LiveSampleSettings) => Promise<void>;
}

const DEFAULT_SETTINGS: TrainSettings = { kind: 'diffusion', preset: 'small', seed: 1, batchSize: 8, hyper: {}, totalSteps: 200 };
/** Steps a pretrained model is offered to fine-tune for, beyond the steps it was released at. */
const FINE_TUNE_STEPS = 200;
/** Loss history points kept (older ones are thinned), so that a long run's curves stay cheap to draw and save. */
const HISTORY_LIMIT = 2000;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function appendPoint(history: readonly LossPoint[], e: ProgressEvent): readonly LossPoint[] {
  if (Object.keys(e.losses).length === 0 || history.at(-1)?.step === e.step) return history;
  const next = [...history.filter((p) => p.step < e.step), { step: e.step, losses: e.losses }];
  return next.length > HISTORY_LIMIT ? next.filter((_, i) => i % 2 === 1 || i === next.length - 1) : next;
}

/** The worker's start-up, once begun. */
let initialised: Promise<void> | undefined;

export const useTrainStore = create<TrainState>()((set, get) => {
  const notice = (text: string) => set((s) => ({ notices: [...s.notices.slice(-9), text] }));

  /** Runs a worker request; a failure becomes a notice rather than an unhandled rejection. */
  async function attempt(what: string, f: () => Promise<void>): Promise<void> {
    try {
      await f();
    } catch (e) {
      notice(`${what} failed: ${message(e)}`);
    }
  }

  /** Training work on the open model; when refused, the model may have been reloaded (trained in another tab): shown as it is now. */
  function attemptOnModel(what: string, f: () => Promise<void>): Promise<void> {
    return attempt(what, async () => {
      try {
        await f();
      } catch (e) {
        const model = await trainWorker().status();
        if (model && model.step !== get().model?.step) set({ model, history: get().currentId ? await loadLossHistory(get().currentId!) : [] });
        throw e;
      }
    });
  }

  const onProgress = Comlink.proxy((e: ProgressEvent) => {
    set((s) => ({
      last: e,
      phase: e.state === 'idle' ? s.phase : e.state,
      model: s.model ? { ...s.model, step: e.step } : s.model,
      history: appendPoint(s.history, e),
    }));
    if (e.notice) notice(e.notice);
    if (e.state !== 'running' || e.step % 50 === 0) void refreshSaved();
  });

  const onLiveSamples = Comlink.proxy((live: LiveSamples) => set({ live }));

  /** How many times the library and checkpoints were asked for: a reply is shown only if no later request was made. */
  let savedRequests = 0;

  /**
   * The open model's checkpoint and the library (whose steps a checkpoint updates). Progress events, library
   * changes and actions each ask; an earlier request answered late must not put back a library a later one outdated.
   */
  async function refreshSaved(): Promise<void> {
    await latestSaved(async () => {
      const [checkpoints, library] = await Promise.all([trainWorker().checkpoints(), trainWorker().library()]);
      return { checkpoints, library };
    }, (saved) => saved);
  }

  /** Asks the worker with `ask`; what `shown` takes of its answer is shown only if no later request was made meanwhile. */
  async function latestSaved<T>(ask: () => Promise<T>, shown: (answer: T) => Partial<Pick<TrainState, 'checkpoints' | 'library'>>): Promise<T> {
    const request = ++savedRequests;
    const answer = await ask();
    if (request === savedRequests) set(shown(answer));
    return answer;
  }

  /** A model the worker opened is this tab's, with its curves (`history`: those saved with it). */
  async function opened({ status, dataset, entry }: OpenedModel, history: readonly LossPoint[], settings?: Partial<TrainSettings>): Promise<void> {
    const { kind, preset, seed, batchSize } = status.config;
    set((s) => ({
      model: status,
      currentId: entry.id,
      dataset: dataset ?? s.dataset,
      phase: 'idle',
      history,
      last: undefined,
      live: undefined,
      settings: { ...s.settings, kind, preset, seed, batchSize, ...settings },
    }));
    await refreshSaved();
  }

  async function listPretrained(): Promise<void> {
    try {
      set({ pretrained: { models: await trainWorker().pretrainedModels(pretrainedIndexUrl()) } });
    } catch (e) {
      set({ pretrained: { models: [], error: message(e) } });
    }
  }

  /** The form back at the preset's values: its batch size, no overrides. */
  function startFromPreset(preset: Preset): void {
    set((s) => ({ settings: { ...s.settings, batchSize: defaultBatchSize(preset), hyper: {} } }));
  }

  /** The worker's start-up: backend, live samples, library, and the model of the last visit opened again. */
  async function start(): Promise<void> {
    const worker = trainWorker();
    void listPretrained();
    await worker.watchTiming(Comlink.proxy((timing: StepTiming) => set({ timing, backend: timing.choice })));
    const backend = await worker.init(get().settings.backend, Comlink.proxy(notice));
    await worker.liveSamples(get().liveSettings, onLiveSamples);
    set({ backend });
    for (const text of backend.notices) notice(text);
    await worker.watchLibrary(Comlink.proxy(() => void refreshSaved()));
    const { models, migrated } = await latestSaved(() => worker.openLibrary(), ({ models }) => ({ library: models }));
    if (migrated) {
      // The studio before the library kept one model, and its curves in the saved slice: both are its first entry.
      await saveLossHistory(migrated.id, get().history);
      set({ currentId: migrated.id });
      notice(`your model from an earlier visit is kept in the model library as "${migrated.name}"`);
    }
    const id = get().currentId;
    const entry = models.find((m) => m.id === id);
    if (id !== undefined && entry) {
      const history = await loadLossHistory(id);
      const model = await worker.openModel(id);
      await opened({ ...model, entry }, history);
      // Steps trained after the last checkpoint were lost with the page (issue 12): say how many.
      const lastTrained = history.at(-1)?.step ?? 0;
      const step = model.status.step;
      if (lastTrained > step) notice(`steps ${step + 1}–${lastTrained} trained before the page was closed were not kept: the model resumes from its last checkpoint, step ${step}`);
    } else {
      startFromPreset(get().settings.preset);
      set({ history: [], currentId: undefined });
      await refreshSaved();
    }
  }

  return {
    settings: DEFAULT_SETTINGS,
    library: [],
    overlays: {},
    phase: 'idle',
    history: [],
    checkpoints: [],
    notices: [],
    busy: false,
    pretrained: undefined,
    // Off until the researcher asks: with them on, the training tab's page stayed busy enough that a click on it
    // waited over 30 s in the two-tab e2e on this 2-core machine (not yet understood).
    liveSettings: { ...LIVE_SAMPLE_DEFAULTS, every: 0 },

    // Once per page: React's StrictMode runs the effect that calls it twice in development, which listed the
    // backend's notices twice.
    init: () =>
      (initialised ??= attempt('Starting the training worker', async () => {
        // Busy until the model of the last visit is open again: a model created meanwhile would be replaced by it.
        set({ busy: true });
        try {
          await start();
        } finally {
          set({ busy: false });
        }
      })),

    setCrystals: (crystals) =>
      attempt('Handing the crystals to the training worker', async () => {
        set({ dataset: await trainOn(crystals) });
      }),

    configure: async (change) => {
      const before = get().settings;
      set({ settings: { ...before, ...change } });
      if ((change.kind && change.kind !== before.kind) || (change.preset && change.preset !== before.preset)) {
        startFromPreset(get().settings.preset);
      }
    },

    createModel: () =>
      attempt('Creating the model', async () => {
        set({ busy: true });
        try {
          const { kind, preset, seed, batchSize, hyper } = get().settings;
          const made = await trainWorker().newModel({ kind, preset, seed, batchSize, hyper }, newModelAbout(kind, preset, get().dataset));
          // A remembered trial may have moved training to a faster backend.
          set({ backend: (await trainWorker().backend()) ?? get().backend });
          await opened(made, []);
        } finally {
          set({ busy: false });
        }
      }),

    train: () =>
      attemptOnModel('Training', async () => {
        const before = get().phase;
        set({ phase: 'running' });
        try {
          await trainWorker().train(get().settings.totalSteps, onProgress);
        } catch (e) {
          if (get().phase === 'running') set({ phase: before }); // refused (another tab trains) or failed: no run goes on
          throw e;
        }
      }),

    pause: () => attempt('Pausing', () => trainWorker().pause()),

    resume: () => attemptOnModel('Resuming', () => trainWorker().resume()),

    step: () =>
      attemptOnModel('One step', async () => {
        set({ busy: true });
        try {
          await trainWorker().step(onProgress);
          await refreshSaved(); // the step is checkpointed after its progress event: the library shows it now
        } finally {
          set({ busy: false });
        }
      }),

    stop: () =>
      attemptOnModel('Stopping', async () => {
        await trainWorker().stop();
        set({ phase: 'stopped' });
        await refreshSaved();
      }),

    moveToBackend: (backend) =>
      attempt(`Moving to ${backend}`, async () => {
        set({ busy: true });
        try {
          const moved = await trainWorker().useBackend(backend);
          set((s) => ({ backend: moved, phase: 'idle', last: undefined, settings: { ...s.settings, backend: moved.backend } }));
          notice(moved.backend === backend ? `training moved to ${backend}` : `${backend} is not available here: ${moved.notices.join('; ')}`);
        } finally {
          set({ busy: false });
        }
      }),

    adoptModel: (model) => attempt('Opening the imported model', () => opened(model, [])),

    startFromPretrained: (entry) =>
      attempt(`Loading the pretrained ${entry.id}`, async () => {
        set({ busy: true, loadingPretrained: entry.id });
        try {
          const model = await trainWorker().usePretrained(pretrainedIndexUrl(), entry);
          const step = model.status.step;
          await opened(model, [], { hyper: {}, totalSteps: step + FINE_TUNE_STEPS });
          notice(`${entry.id} (step ${step}) is the current model, kept in the library: generate from it, or fine-tune it on your crystals`);
        } finally {
          set({ busy: false, loadingPretrained: undefined });
        }
      }),

    openModel: (id) =>
      attempt('Opening the model', async () => {
        set({ busy: true });
        try {
          const history = await loadLossHistory(id);
          const model = await trainWorker().openModel(id);
          await opened({ ...model, entry: get().library.find((m) => m.id === id)! }, history);
        } finally {
          set({ busy: false });
        }
      }),

    renameModel: (id, name) =>
      attempt('Renaming the model', async () => {
        await trainWorker().renameModel(id, name);
        await refreshSaved();
      }),

    recordMetrics: (id, metrics, at) =>
      attempt('Keeping the metrics with the model', async () => {
        await trainWorker().recordMetrics(id, metrics, at);
        await refreshSaved();
      }),

    duplicateModel: (id) =>
      attempt('Duplicating the model', async () => {
        set({ busy: true });
        try {
          const history = id === get().currentId ? get().history : await loadLossHistory(id);
          const copy = await trainWorker().duplicateModel(id);
          await saveLossHistory(copy.id, history);
          const model = await trainWorker().openModel(copy.id);
          await opened({ ...model, entry: copy }, history);
          notice(`"${copy.name}" is a copy of the model at step ${copy.steps}, open to train apart from the original`);
        } finally {
          set({ busy: false });
        }
      }),

    deleteModel: (id) =>
      attempt('Deleting the model', async () => {
        await trainWorker().deleteModel(id);
        await removeLossHistory(id);
        set((s) => ({ overlays: Object.fromEntries(Object.entries(s.overlays).filter(([key]) => key !== id)) }));
        await refreshSaved();
      }),

    overlay: (id, shown) =>
      attempt('Loading the curves', async () => {
        const history = shown ? await loadLossHistory(id) : undefined;
        set((s) => ({ overlays: { ...Object.fromEntries(Object.entries(s.overlays).filter(([key]) => key !== id)), ...(history && { [id]: history }) } }));
      }),

    setLiveSettings: (liveSettings) =>
      attempt('Changing the live samples', async () => {
        set({ liveSettings, ...(liveSettings.every === 0 && { live: undefined }) });
        await trainWorker().liveSamples(liveSettings, onLiveSamples);
      }),
  };
});

// The open model's curves are saved with it, under its id, as they grow (not when another model is opened).
useTrainStore.subscribe((state, before) => {
  if (state.history !== before.history && state.currentId !== undefined && state.currentId === before.currentId) void saveLossHistory(state.currentId, state.history);
});

/** The slice saved for a reload; one saved before the model library also holds the one model's curves (`history`). */
interface SavedTrainSlice {
  readonly settings: TrainSettings;
  readonly currentId?: string;
  readonly history?: readonly LossPoint[];
}

export const trainRestored = persistSlice<TrainState, SavedTrainSlice>(
  useTrainStore,
  'train',
  (s) => ({ settings: s.settings, currentId: s.currentId }),
  // The earlier curves wait in the store until init has moved them to the migrated model (loss-histories.ts).
  (saved) => ({ ...saved, settings: { ...saved.settings, hyper: keptOverrides(saved.settings.kind, saved.settings.hyper) } }),
);
