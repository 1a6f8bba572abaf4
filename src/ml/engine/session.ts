/**
 * One training session, as the studio drives it: a dataset, a model, its trainer, checkpoints, sampling and
 * model files. The backend plan (backend-plan.ts) picks its backend and the worker exposes both; the CLI and the
 * tests use it directly.
 */
import * as tf from '@tensorflow/tfjs';
import { type BuiltDataset, type CrystalDataset, encodeBatch, fitDataset, type Skipped } from '../../core/crystens/dataset';
import { mergeElements, trainingElements } from '../training-elements';
import type { GenerativeModel, ModelConfig } from '../types';
import type { CheckpointStore } from './checkpoint-store';
import { hyperForDataset } from './dataset-fit';
import { type LiveSampleSettings, LiveSampler, type LiveSamples } from './live-samples';
import { createModel, type ModelRequest, modelConfig, parameterCount } from './factory';
import { loadModelWeights, type ModelFiles, type ModelMetadata, readModelFiles, saveModelFiles } from './model-files';
import { type SampleRequest, sampleInChunks } from './sampling';
import { backendSettled, chooseSamplingBackend, type SamplingChoice, sampleOnBackend } from './sampling-backend';
// Registers the wasm backend's training kernels wherever a session runs (the CLI asks tfjs's kernel registry).
import './training-backend';
import { type ProgressEvent, Trainer } from './trainer';
import { wasmBatchRefusal } from './wasm-memory';

/**
 * The checkpoint key of a session that is not told one: the CLI's model folder, and the studio's one model before
 * the model library (which gives each model its own key, its library id).
 */
export const CURRENT = 'current';

export interface DatasetSummary {
  readonly crystals: number;
  readonly skipped: readonly Skipped[];
  readonly lengthBound: number;
}

export interface SessionSampleRequest extends SampleRequest {
  /**
   * A tfjs backend to sample on instead of the training backend (samplingChoice().backend): a copy of the model
   * samples there. Ignored while training runs, which needs tfjs on the training backend.
   */
  readonly backend?: string;
  /**
   * Sample from the same network before any training (its seeded initial weights): the baseline a trained model
   * should beat on every metric.
   */
  readonly untrained?: boolean;
}

export interface SessionStatus {
  readonly config: ModelConfig;
  readonly step: number;
  /** Parameters the model learns. */
  readonly parameters: number;
}

export class TrainingSession {
  private model?: GenerativeModel;
  private trainer?: Trainer;
  private step = 0;
  private dataset?: CrystalDataset;
  /** The crystals handed to the session, before a model's bounds are applied. */
  private given?: BuiltDataset;
  private sampling?: { cancelled: boolean };
  /** Where this model's checkpoints go. */
  private key = CURRENT;
  /** Live samples: off until asked for (the CLI has no one to show them to). */
  private readonly live = new LiveSampler({ every: 0, count: 1 }, (samples) => this.onLiveSamples?.(samples));
  private onLiveSamples?: (samples: LiveSamples) => void;

  constructor(
    private readonly checkpoints: CheckpointStore,
    /** Steps between checkpoints while training (a pause always saves one). */
    private readonly checkpointEvery = 50,
  ) {}

  /**
   * The crystals to train on, kept compactly and encoded per batch. With a model loaded, its normalisation
   * bounds are used (crystals beyond them are skipped); otherwise the dataset's own bounds.
   */
  setDataset(given: BuiltDataset): DatasetSummary {
    this.given = given;
    return this.fitDataset(given);
  }

  private fitDataset(given: BuiltDataset): DatasetSummary {
    const bounds = this.model?.config.normalization;
    const { dataset, skipped } = bounds ? fitDataset(given.dataset, bounds) : { dataset: given.dataset, skipped: [] };
    this.dataset = dataset;
    return { crystals: dataset.entries.length, skipped: [...given.skipped, ...skipped], lengthBound: dataset.normalization.lengthBound };
  }

  /** The key the model checkpoints under (its library id in the studio). */
  get checkpointKey(): string {
    return this.key;
  }

  get status(): SessionStatus | undefined {
    return this.model ? { config: this.model.config, step: this.step, parameters: parameterCount(this.model) } : undefined;
  }

  /** A fresh model, checkpointed under `key`; the dataset's normalisation bounds become the model's. */
  async newModel(request: Omit<ModelRequest, 'normalization' | 'elements'>, key = CURRENT): Promise<SessionStatus> {
    if (!this.dataset || this.dataset.entries.length === 0) throw new Error('load crystals before creating a model');
    // The small preset works on the corner of the CrysTens the crystals occupy (dataset-fit.ts); the request's own
    // hyper-parameters win.
    const largest = this.dataset.entries.reduce((m, e) => Math.max(m, e.nsites), 0);
    const hyper = { ...hyperForDataset(request.kind, request.preset, largest), ...request.hyper };
    const elements = trainingElements(this.dataset.atomicNumbers);
    const model = createModel(modelConfig({ ...request, hyper, normalization: this.dataset.normalization, elements }));
    const refusal = await this.memoryRefusal(model);
    if (refusal) {
      model.dispose();
      throw new Error(refusal);
    }
    await this.replaceModel(model, 0, key);
    await this.checkpoint();
    return this.status!;
  }

  /** The model of the last checkpoint under `key`, if any (what a reload of the page finds). */
  async resumeSaved(key = CURRENT): Promise<SessionStatus | undefined> {
    const files = await this.checkpoints.load(key);
    return files ? this.importModel(files, key) : undefined;
  }

  /** The model's first batch of training crystals, encoded (for timing a step elsewhere). */
  firstBatch(): Float32Array {
    if (!this.dataset) throw new Error('load crystals before training');
    const size = this.dataset.entries.length;
    return encodeBatch(this.dataset, Array.from({ length: this.requireModel().config.batchSize }, (_, i) => i % size));
  }

  /** The model of `files`, checkpointed from now on under `key`. */
  async importModel(files: ModelFiles, key = CURRENT): Promise<SessionStatus> {
    // Both files are checked before the model is built (model-check.ts): a refusal is one line, nothing allocated.
    const metadata: ModelMetadata = readModelFiles(files);
    const model = createModel(metadata.config);
    try {
      await loadModelWeights(model, files);
    } catch (e) {
      model.dispose();
      throw e;
    }
    await this.replaceModel(model, metadata.step, key);
    if (this.given) this.fitDataset(this.given);
    return this.status!;
  }

  async exportModel(): Promise<ModelFiles> {
    return saveModelFiles(this.requireModel(), this.step);
  }

  /**
   * Live samples while training (live-samples.ts): how often and how many, and who sees them. Applies at once,
   * to a running training too.
   */
  setLiveSamples(settings: LiveSampleSettings, onSamples: (samples: LiveSamples) => void): void {
    this.live.configure(settings);
    this.onLiveSamples = onSamples;
  }

  /** Trains until `totalSteps` (counted from the model's first step), a pause or a stop. */
  async train(totalSteps: number, onProgress: (e: ProgressEvent) => void): Promise<void> {
    await backendSettled();
    if (this.training) throw new Error('training is already running');
    await this.assertFits();
    await this.newTrainer(totalSteps, onProgress).start();
  }

  private newTrainer(totalSteps: number, onProgress: (e: ProgressEvent) => void): Trainer {
    const model = this.requireModel();
    if (!this.dataset) throw new Error('load crystals before training');
    learnElements(model, this.dataset);
    this.trainer?.dispose();
    this.trainer = new Trainer(model, this.dataset, {
      totalSteps,
      startStep: this.step,
      checkpointEvery: this.checkpointEvery,
      live: this.live,
      onCheckpoint: async (step) => {
        this.step = step;
        await this.checkpoint();
      },
      onProgress: (e) => {
        this.step = e.step;
        onProgress(e);
      },
    });
    return this.trainer;
  }

  pause(): Promise<void> {
    return this.trainer?.pause() ?? Promise.resolve();
  }

  async resume(): Promise<void> {
    await backendSettled();
    await this.trainer?.resume();
  }

  async stop(): Promise<void> {
    await this.trainer?.stop();
    await this.checkpoint();
  }

  /**
   * One step, with the running trainer's settings, or with a new trainer at rest; checkpointed at once (a run's
   * pause and end are), so that opening another library model or a reload loses no step taken one at a time.
   */
  async stepOnce(onProgress: (e: ProgressEvent) => void): Promise<void> {
    await backendSettled();
    if (this.training) return;
    if (!this.trainer) await this.assertFits();
    await (this.trainer ?? this.newTrainer(this.step + 1, onProgress)).stepOnce();
    await this.checkpoint();
  }

  /** Streams n samples; cancelSampling() ends it early. Returns how many were produced. */
  async sample(n: number, { backend, untrained, ...request }: SessionSampleRequest): Promise<number> {
    const token = { cancelled: false };
    this.sampling = token;
    const model = untrained ? createModel(this.requireModel().config) : this.requireModel();
    const cancellable = { ...request, onProgress: (f: number) => (token.cancelled ? false : request.onProgress?.(f)) };
    try {
      if (backend && !this.training) return await sampleOnBackend(model, backend, n, cancellable);
      return await sampleInChunks(model, n, cancellable);
    } finally {
      if (untrained) model.dispose();
    }
  }

  /** Where this model samples fastest (measured once per network); the training backend while training runs. */
  async samplingChoice(): Promise<SamplingChoice> {
    await backendSettled();
    const trainingBackend = tf.getBackend();
    if (this.training) return { backend: trainingBackend, trials: {}, reason: `sampling on ${trainingBackend}, where the model is training` };
    return chooseSamplingBackend(this.requireModel(), trainingBackend);
  }

  /** Whether a training run is under way (not paused, not stopped). */
  get training(): boolean {
    return this.trainer?.currentState === 'running';
  }

  cancelSampling(): void {
    if (this.sampling) this.sampling.cancelled = true;
  }

  dispose(): void {
    this.trainer?.dispose();
    this.model?.dispose();
  }

  private async checkpoint(): Promise<void> {
    await backendSettled();
    await this.checkpoints.save(this.key, await saveModelFiles(this.requireModel(), this.step));
  }

  private async replaceModel(model: GenerativeModel, step: number, key: string): Promise<void> {
    await this.trainer?.stop();
    this.trainer?.dispose();
    this.trainer = undefined;
    this.model?.dispose();
    this.model = model;
    this.step = step;
    this.key = key;
  }

  /** Why the model cannot train on the current backend (its batch would overflow wasm's heap). */
  private async memoryRefusal(model: GenerativeModel): Promise<string | undefined> {
    return tf.getBackend() === 'wasm' ? wasmBatchRefusal(model) : undefined;
  }

  /** An imported model (a checkpoint, or one moved here from another backend) is checked before its first step. */
  private async assertFits(): Promise<void> {
    const refusal = await this.memoryRefusal(this.requireModel());
    if (refusal) throw new Error(refusal);
  }

  private requireModel(): GenerativeModel {
    if (!this.model) throw new Error('no model: create or import one first');
    return this.model;
  }
}

/**
 * A model that trains on crystals with elements it has not seen adds them to the ones its samples are held to. A
 * model saved without its elements (before they were kept) stays without: what it saw first is not known.
 */
function learnElements(model: GenerativeModel, dataset: CrystalDataset): void {
  const known = model.config.elements;
  if (!known) return;
  const elements = mergeElements(known, trainingElements(dataset.atomicNumbers));
  if (elements.length > known.length) model.config = { ...model.config, elements };
}
