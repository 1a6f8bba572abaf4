/**
 * The model library: every model the researcher created, imported, took from the pretrained list or duplicated,
 * kept with its name, dataset, kind, preset, steps and (where known) metrics. Each model checkpoints under its own
 * key, its library id, so that models never overwrite one another and two tabs can train two models at once.
 *
 * The library is the training session's checkpoint store: a checkpoint saved under a model's id also records the
 * model's steps. The records live behind LibraryRecords (IndexedDB in the studio, model-library-idb.ts; memory in
 * tests), so this policy runs in Node.
 */
import type { ModelKind, Preset } from '../types';
import type { CheckpointStore } from './checkpoint-store';
import { type ModelFiles, type ModelMetadata, readModelMetadata } from './model-files';
import type { ReleaseMetrics } from './pretrained';
import { CURRENT } from './session';

export interface ModelEntry {
  /** Also the key its checkpoint is saved under. */
  readonly id: string;
  readonly name: string;
  readonly kind: ModelKind;
  readonly preset: Preset;
  /** Training steps of its last checkpoint. */
  readonly steps: number;
  /** What it was trained on, as the researcher knows it ("138 crystals, lengths up to 9.2 Å", "perov_5"). */
  readonly dataset: string;
  /** How it came into the library ("created", "pretrained perov_5-gan", "copy of GAN 1 at step 200"). */
  readonly origin: string;
  /** The field's metrics: a release's figures, or the last Compare of samples drawn from it in the studio. */
  readonly metrics?: ReleaseMetrics;
  /** When and against what `metrics` were measured (absent for entries kept before it was recorded). */
  readonly metricsAt?: MetricsBasis;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
}

/** When and against what a model's metrics were measured. */
export interface MetricsBasis {
  /** The model's training step when the samples were drawn. */
  readonly step: number;
  /** What they were scored against ("perov_5's test split, at release", "3,785 crystals loaded, perov_5 cutoffs"). */
  readonly against: string;
}

/** What the researcher (or the page on their behalf) says of a model entering the library. */
export interface ModelAbout {
  readonly name: string;
  readonly dataset: string;
  readonly origin: string;
  readonly metrics?: ReleaseMetrics;
  readonly metricsAt?: MetricsBasis;
}

/**
 * Whether metrics measured `at` should replace an entry's: those of a later step do, and at the same step those
 * over at least as many samples (16 crystals drawn to look at do not replace a release's 1,000).
 */
function supersedes(metrics: ReleaseMetrics, at: MetricsBasis, entry: ModelEntry): boolean {
  if (!entry.metrics || !entry.metricsAt) return true;
  return at.step > entry.metricsAt.step || (at.step === entry.metricsAt.step && metrics.samples >= entry.metrics.samples);
}

/** Where library entries are kept. `update` reads and writes an entry in one transaction (another tab may write too). */
export interface LibraryRecords {
  list(): Promise<ModelEntry[]>;
  get(id: string): Promise<ModelEntry | undefined>;
  put(entry: ModelEntry): Promise<void>;
  update(id: string, change: (entry: ModelEntry) => ModelEntry): Promise<ModelEntry | undefined>;
  delete(id: string): Promise<void>;
}

/** The name of a model kept from before the library, whose checkpoint was the one `current` slot. */
export const MIGRATED_NAME = 'Model from an earlier visit';

/** `base`, or `base 2`, `base 3`… : the first not among `taken`. */
export function freeName(base: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/** A name as kept: trimmed, with runs of white space as one space; an empty one is refused. */
export function modelName(given: string): string {
  const name = given.trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw new Error('a model needs a name');
  return name;
}

export class ModelLibrary implements CheckpointStore {
  constructor(
    private readonly records: LibraryRecords,
    private readonly checkpoints: CheckpointStore,
    private readonly newId: () => string = () => crypto.randomUUID(),
    private readonly now: () => number = Date.now,
  ) {}

  /** Oldest first: the order they were made in. */
  async list(): Promise<ModelEntry[]> {
    return (await this.records.list()).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  get(id: string): Promise<ModelEntry | undefined> {
    return this.records.get(id);
  }

  /** An id for a model about to be made: its checkpoint is saved under it before add() lists it. */
  reserveId(): string {
    return this.newId();
  }

  /** Lists the model whose checkpoint is saved under `id`; its name made free among the library's. */
  async add(id: string, about: ModelAbout, model: Pick<ModelMetadata, 'config' | 'step'>): Promise<ModelEntry> {
    const taken = (await this.records.list()).map((e) => e.name);
    const entry: ModelEntry = {
      id,
      name: freeName(modelName(about.name), taken),
      kind: model.config.kind,
      preset: model.config.preset,
      steps: model.step,
      dataset: about.dataset,
      origin: about.origin,
      ...(about.metrics && { metrics: about.metrics }),
      ...(about.metricsAt && { metricsAt: about.metricsAt }),
      createdAt: this.now(),
    };
    await this.records.put(entry);
    return entry;
  }

  /** A model from files (imported, pretrained, a copy): its checkpoint saved, then listed. */
  async addFiles(files: ModelFiles, about: ModelAbout): Promise<ModelEntry> {
    const id = this.newId();
    await this.checkpoints.save(id, files);
    return this.add(id, about, readModelMetadata(files.modelJson));
  }

  /**
   * A new entry from `files`, the model of `sourceId` as it is now (the caller's latest weights: a model open in a
   * session may be ahead of its last checkpoint), to be trained on from there.
   */
  async duplicate(sourceId: string, files: ModelFiles): Promise<ModelEntry> {
    const source = await this.require(sourceId);
    const { step } = readModelMetadata(files.modelJson);
    const { metrics, metricsAt } = source;
    return this.addFiles(files, { name: `${source.name} copy`, dataset: source.dataset, origin: `copy of ${source.name} at step ${step}`, ...(metrics && { metrics }), ...(metricsAt && { metricsAt }) });
  }

  /**
   * Files the metrics of samples drawn from model `id` at `at.step` with the entry, where they supersede what it
   * holds (see supersedes); returns the entry as it is now, or undefined when the model is no longer listed.
   */
  recordMetrics(id: string, metrics: ReleaseMetrics, at: MetricsBasis): Promise<ModelEntry | undefined> {
    return this.records.update(id, (e) => (supersedes(metrics, at, e) ? { ...e, metrics, metricsAt: at } : e));
  }

  async rename(id: string, given: string): Promise<ModelEntry> {
    const name = modelName(given);
    const taken = (await this.records.list()).filter((e) => e.id !== id).map((e) => e.name);
    if (taken.includes(name)) throw new Error(`another model is named ${name}`);
    const renamed = await this.records.update(id, (e) => ({ ...e, name }));
    if (!renamed) throw new Error('that model is no longer in the library (deleted in another tab?)');
    return renamed;
  }

  /** Takes the model and its checkpoint out of the library (the entry first: a checkpoint left behind lists nothing). */
  async delete(id: string): Promise<void> {
    await this.records.delete(id);
    await this.checkpoints.remove(id);
  }

  /**
   * The studio before the library kept one model, checkpointed under `current`: it becomes a library entry (with a
   * key of its own), once. Returns it, or undefined when there was none.
   */
  async migrateCurrent(): Promise<ModelEntry | undefined> {
    const files = await this.checkpoints.load(CURRENT);
    if (!files) return undefined;
    const entry = await this.addFiles(files, { name: MIGRATED_NAME, dataset: 'not recorded (saved before the model library)', origin: 'kept from an earlier visit' });
    await this.checkpoints.remove(CURRENT);
    return entry;
  }

  // The checkpoint store of the training sessions: keys are library ids.

  async save(key: string, files: ModelFiles): Promise<void> {
    await this.checkpoints.save(key, files);
    const { step } = readModelMetadata(files.modelJson);
    await this.records.update(key, (e) => ({ ...e, steps: step }));
  }

  load(key: string): Promise<ModelFiles | undefined> {
    return this.checkpoints.load(key);
  }

  remove(key: string): Promise<void> {
    return this.delete(key);
  }

  private async require(id: string): Promise<ModelEntry> {
    const entry = await this.records.get(id);
    if (!entry) throw new Error('that model is no longer in the library (deleted in another tab?)');
    return entry;
  }
}
