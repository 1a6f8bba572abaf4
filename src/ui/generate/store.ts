/**
 * Generated crystals: each "run" is one request to the training worker's model (N tensors, a sampler), streamed
 * in chunks; every chunk is decoded in the crystal worker (reconstruction, detected space group, metrics,
 * validity) as it arrives. Runs are kept, and saved, so that models can be compared side by side.
 */
import { create } from 'zustand';
import type { DecodedTensor } from '../../core/crystens/decode';
import { ENTRIES, type Normalization } from '../../core/crystens/layout';
import { DEFAULT_CLUSTERING, PAPER_CLUSTERING, type ReconstructOptions } from '../../core/crystens/reconstruct';
import type { SamplingChoice } from '../../ml/engine/sampling-backend';
import type { ElementChoice, ModelConfig, Sampler } from '../../ml/types';
import { inCrystalWorker } from '../crystalClient';
import { MODEL_NAMES } from '../format';
import { persistSlice } from '../persist';
import { savedList } from '../saved-list';
import { Comlink, trainWorker } from '../train/trainClient';

export type RunState = 'sampling' | 'done' | 'cancelled' | 'failed';

export interface SampleSettings {
  readonly count: number;
  /** Diffusion only. */
  readonly sampler: Sampler;
  readonly steps: number;
  readonly seed: number;
  /** K-means of the reconstruction: automatic (the default) or the paper's k. */
  readonly clustering: 'paper' | 'auto';
  /** Atoms among the model's training elements (the default), or Z as the network writes it. */
  readonly elements: ElementChoice;
  /** Sample the network as it was before training: the baseline row of the Compare panel. */
  readonly untrained?: boolean;
}

export interface SampleRun {
  readonly id: string;
  /** "Diffusion (tiny) at step 200, DDIM 50 steps". */
  readonly label: string;
  /** The model sampled, at `step`; `libraryId`: its model library entry (absent in runs kept from before the library). */
  readonly model: Pick<ModelConfig, 'kind' | 'preset' | 'seed'> & { readonly step: number; readonly libraryId?: string };
  readonly settings: SampleSettings;
  readonly normalization: Normalization;
  readonly createdAt: number;
  readonly state: RunState;
  /** One [64, 64, 4] tensor per sample, in order. */
  readonly tensors: readonly Float32Array[];
  readonly decoded: readonly DecodedTensor[];
  /** Where the tensors were sampled, and why there ("sampling on wasm: 7 ms per pass against webgl's 30 ms"). */
  readonly backend?: { readonly name: string; readonly reason: string };
  readonly failure?: string;
}

export interface GenerateState {
  readonly settings: SampleSettings;
  readonly runs: readonly SampleRun[];
  /** Fraction done of the run in flight. */
  readonly progress: number;
  readonly configure: (change: Partial<SampleSettings>) => void;
  /** Samples with the training worker's current model (library entry `libraryId`); resolves when the run has ended. */
  readonly generate: (model: ModelConfig, step: number, libraryId?: string) => Promise<string>;
  readonly cancel: () => void;
  readonly remove: (id: string) => void;
}

/** Each run is saved once, when it ends (a run cut short by a reload is not kept). */
const savedRuns = savedList<SampleRun>('runs', 'the generated samples');

const DEFAULT_SETTINGS: SampleSettings = { count: 16, sampler: 'ddim', steps: 50, seed: 7, clustering: 'auto', elements: 'training' };

export const clusterOptions = (clustering: SampleSettings['clustering']): ReconstructOptions =>
  clustering === 'auto' ? DEFAULT_CLUSTERING : PAPER_CLUSTERING;

function runLabel(model: ModelConfig, step: number, s: SampleSettings): string {
  const sampler = model.kind === 'diffusion' ? (s.sampler === 'ddim' ? `, DDIM ${s.steps} steps` : ', DDPM') : '';
  const elements = model.elements && s.elements === 'any' ? ', any element' : '';
  return s.untrained ? `${MODEL_NAMES[model.kind]} (${model.preset}) untrained${sampler}${elements}` : `${MODEL_NAMES[model.kind]} (${model.preset}) at step ${step}${sampler}${elements}`;
}

export const useGenerateStore = create<GenerateState>()((set, get) => {
  const update = (id: string, change: (run: SampleRun) => Partial<SampleRun>) =>
    set((s) => ({ runs: s.runs.map((r) => (r.id === id ? { ...r, ...change(r) } : r)) }));

  return {
    settings: DEFAULT_SETTINGS,
    runs: [],
    progress: 0,

    configure: (change) => set((s) => ({ settings: { ...s.settings, ...change } })),

    async generate(model, step, libraryId) {
      const settings = get().settings;
      const id = `run-${Date.now().toString(36)}`;
      const run: SampleRun = {
        id,
        label: runLabel(model, step, settings),
        model: { kind: model.kind, preset: model.preset, seed: model.seed, step: settings.untrained ? 0 : step, ...(libraryId !== undefined && { libraryId }) },
        settings,
        normalization: model.normalization,
        createdAt: Date.now(),
        state: 'sampling',
        tensors: [],
        decoded: [],
      };
      set((s) => ({ runs: [...s.runs, run], progress: 0 }));
      // Chunks are decoded one after another, in order, while the model goes on sampling.
      let decoding = Promise.resolve();
      const onChunk = (data: Float32Array, offset: number, count: number) => {
        const tensors = Array.from({ length: count }, (_, i) => data.slice(i * ENTRIES, (i + 1) * ENTRIES));
        update(id, (r) => ({ tensors: [...r.tensors, ...tensors] }));
        decoding = decoding.then(async () => {
          const decoded = await inCrystalWorker((api) => api.decode(data, model.normalization, clusterOptions(settings.clustering), offset, run.label));
          update(id, (r) => ({ decoded: [...r.decoded, ...decoded] }));
        });
      };
      try {
        const produced = await trainWorker().sample(
          settings.count,
          { sampler: settings.sampler, steps: settings.steps, seed: settings.seed, elements: settings.elements, chunk: model.kind === 'diffusion' ? 8 : 32, untrained: settings.untrained },
          Comlink.proxy(onChunk),
          Comlink.proxy((fraction: number) => void set({ progress: fraction })),
          Comlink.proxy((choice: SamplingChoice) => update(id, () => ({ backend: { name: choice.backend, reason: choice.reason } }))),
        );
        await decoding;
        update(id, () => ({ state: produced < settings.count ? 'cancelled' : 'done' }));
      } catch (e) {
        update(id, () => ({ state: 'failed', failure: e instanceof Error ? e.message : String(e) }));
      }
      set({ progress: 1 });
      const ended = get().runs.find((r) => r.id === id);
      if (ended) void savedRuns.add(id, ended);
      return id;
    },

    cancel: () => void trainWorker().cancelSampling(),

    remove: (id) => {
      set((s) => ({ runs: s.runs.filter((r) => r.id !== id) }));
      void savedRuns.remove(id);
    },
  };
});

/** Resolves once the settings and the runs of the last visit are back (one run a task). */
export const generateRestored: Promise<void> = (async () => {
  await persistSlice(useGenerateStore, 'generate', (s) => ({ settings: s.settings }), (saved) => ({ settings: saved.settings }));
  await savedRuns.restore((run) => useGenerateStore.setState((s) => ({ runs: [...s.runs, run] })));
})();

/** The crystals a run produced (its failed reconstructions left out). */
export const runCrystals = (run: SampleRun) => run.decoded.flatMap((d) => (d.ok ? [d.crystal] : []));
