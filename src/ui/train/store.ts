/**
 * The Train panel's state: the form, the model in the worker, its progress and loss history. The worker owns the
 * model and its checkpoints; this store only mirrors what the page shows (and saves the loss history, so that
 * the curves come back with the model after a reload).
 */
import { create } from 'zustand';
import type { Crystal } from '../../core/crystal';
import type { BackendChoice, StepTiming } from '../../ml/engine/backend-plan';
import type { CheckpointInfo } from '../../ml/engine/checkpoint-idb';
import type { PretrainedModel } from '../../ml/engine/pretrained';
import type { DatasetSummary, SessionStatus } from '../../ml/engine/session';
import type { ProgressEvent } from '../../ml/engine/trainer';
import type { HyperOverrides } from '../../ml/hyper';
import { defaultBatchSize } from '../../ml/presets';
import type { ModelKind, Preset, TrainingBackend } from '../../ml/types';
import { persistSlice } from '../persist';
import { keptOverrides } from './hyper-form';
import { pretrainedIndexUrl } from './pretrained-view';
import { Comlink, trainWorker } from './trainClient';

export type TrainPhase = 'idle' | 'running' | 'paused' | 'finished' | 'stopped';

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

export interface TrainState {
  readonly settings: TrainSettings;
  readonly backend?: BackendChoice;
  readonly dataset?: DatasetSummary;
  readonly model?: SessionStatus;
  readonly phase: TrainPhase;
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
  /** An imported model replaced the worker's. */
  readonly adoptModel: (status: SessionStatus) => Promise<void>;
  /** Makes a listed pretrained model the current one (the caller has confirmed replacing a model). */
  readonly startFromPretrained: (entry: PretrainedModel) => Promise<void>;
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

  const onProgress = Comlink.proxy((e: ProgressEvent) => {
    set((s) => ({
      last: e,
      phase: e.state === 'idle' ? s.phase : e.state,
      model: s.model ? { ...s.model, step: e.step } : s.model,
      history: appendPoint(s.history, e),
    }));
    if (e.notice) notice(e.notice);
    if (e.state !== 'running' || e.step % 50 === 0) void refreshCheckpoints();
  });

  async function refreshCheckpoints(): Promise<void> {
    set({ checkpoints: await trainWorker().checkpoints() });
  }

  async function listPretrained(): Promise<void> {
    try {
      set({ pretrained: { models: await trainWorker().pretrainedModels(pretrainedIndexUrl()) } });
    } catch (e) {
      set({ pretrained: { models: [], error: message(e) } });
    }
  }

  /** The form back at the preset's values: its batch size, no overrides. */
  function startFromPreset(kind: ModelKind, preset: Preset): void {
    set((s) => ({ settings: { ...s.settings, batchSize: defaultBatchSize(kind, preset), hyper: {} } }));
  }

  return {
    settings: DEFAULT_SETTINGS,
    phase: 'idle',
    history: [],
    checkpoints: [],
    notices: [],
    busy: false,
    pretrained: undefined,

    // Once per page: React's StrictMode runs the effect that calls it twice in development, which listed the
    // backend's notices twice.
    init: () =>
      (initialised ??= attempt('Starting the training worker', async () => {
        const worker = trainWorker();
        void listPretrained();
        await worker.watchTiming(Comlink.proxy((timing: StepTiming) => set({ timing, backend: timing.choice })));
        const backend = await worker.init(get().settings.backend, Comlink.proxy(notice));
        set({ backend });
        for (const text of backend.notices) notice(text);
        const { settings } = get();
        const model = await worker.resumeSaved();
        if (model) {
          set({ model, phase: 'idle', settings: { ...settings, kind: model.config.kind, preset: model.config.preset, seed: model.config.seed, batchSize: model.config.batchSize } });
          // Steps trained after the last checkpoint were lost with the page (issue 12): say how many.
          const lastTrained = get().history.at(-1)?.step ?? 0;
          if (lastTrained > model.step) notice(`steps ${model.step + 1}–${lastTrained} trained before the page was closed were not kept: the model resumes from its last checkpoint, step ${model.step}`);
        } else {
          startFromPreset(settings.kind, settings.preset);
          set({ history: [] });
        }
        await refreshCheckpoints();
      })),

    setCrystals: (crystals) =>
      attempt('Handing the crystals to the training worker', async () => {
        set({ dataset: await trainWorker().setCrystals(crystals) });
      }),

    configure: async (change) => {
      const before = get().settings;
      set({ settings: { ...before, ...change } });
      if ((change.kind && change.kind !== before.kind) || (change.preset && change.preset !== before.preset)) {
        startFromPreset(get().settings.kind, get().settings.preset);
      }
    },

    createModel: () =>
      attempt('Creating the model', async () => {
        set({ busy: true });
        try {
          const { kind, preset, seed, batchSize, hyper } = get().settings;
          const model = await trainWorker().newModel({ kind, preset, seed, batchSize, hyper });
          // A remembered trial may have moved training to a faster backend.
          set({ model, phase: 'idle', history: [], last: undefined, backend: (await trainWorker().backend()) ?? get().backend });
          await refreshCheckpoints();
        } finally {
          set({ busy: false });
        }
      }),

    train: () =>
      attempt('Training', async () => {
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

    resume: () => attempt('Resuming', () => trainWorker().resume()),

    step: () =>
      attempt('One step', async () => {
        set({ busy: true });
        try {
          await trainWorker().step(onProgress);
        } finally {
          set({ busy: false });
        }
      }),

    stop: () =>
      attempt('Stopping', async () => {
        await trainWorker().stop();
        set({ phase: 'stopped' });
        await refreshCheckpoints();
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

    adoptModel: async (model) => {
      set({ model, phase: 'idle', history: [], last: undefined });
      await attempt('Listing checkpoints', refreshCheckpoints);
    },

    startFromPretrained: (entry) =>
      attempt(`Loading the pretrained ${entry.id}`, async () => {
        set({ busy: true, loadingPretrained: entry.id });
        try {
          const { status, dataset } = await trainWorker().usePretrained(pretrainedIndexUrl(), entry);
          const { kind, preset, seed, batchSize } = status.config;
          set((s) => ({
            model: status,
            dataset: dataset ?? s.dataset,
            phase: 'idle',
            history: [],
            last: undefined,
            settings: { ...s.settings, kind, preset, seed, batchSize, hyper: {}, totalSteps: status.step + FINE_TUNE_STEPS },
          }));
          notice(`${entry.id} (step ${status.step}) is the current model: generate from it, or fine-tune it on your crystals`);
          await refreshCheckpoints();
        } finally {
          set({ busy: false, loadingPretrained: undefined });
        }
      }),
  };
});

export const trainRestored = persistSlice(
  useTrainStore,
  'train',
  (s) => ({ settings: s.settings, history: s.history }),
  (saved) => ({ ...saved, settings: { ...saved.settings, hyper: keptOverrides(saved.settings.kind, saved.settings.hyper) } }),
);
