/**
 * The model library over memory records and a memory checkpoint store: entries made, named, copied, renamed and
 * deleted with their checkpoints; a checkpoint records its model's steps; the one `current` slot of the studio
 * before the library migrates once. Model files are written by saveModelFiles from a tiny tfjs model.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryCheckpointStore } from './checkpoint-store';
import { createModel, modelConfig } from './factory';
import { type ModelFiles, readModelMetadata, saveModelFiles } from './model-files';
import { freeName, type LibraryRecords, MIGRATED_NAME, ModelLibrary, type ModelEntry, modelName } from './model-library';
import { CURRENT } from './session';

class MemoryRecords implements LibraryRecords {
  readonly entries = new Map<string, ModelEntry>();
  async list() {
    return [...this.entries.values()];
  }
  async get(id: string) {
    return this.entries.get(id);
  }
  async put(entry: ModelEntry) {
    this.entries.set(entry.id, entry);
  }
  async update(id: string, change: (entry: ModelEntry) => ModelEntry) {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const changed = change(entry);
    this.entries.set(id, changed);
    return changed;
  }
  async delete(id: string) {
    this.entries.delete(id);
  }
}

const NORMALIZATION = { lengthBound: 10 };
let ganAtStep: (step: number) => Promise<ModelFiles>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = createModel(modelConfig({ kind: 'gan', preset: 'tiny', seed: 1, batchSize: 4, normalization: NORMALIZATION }));
  ganAtStep = (step) => saveModelFiles(model, step);
});

function library() {
  const records = new MemoryRecords();
  const checkpoints = new MemoryCheckpointStore();
  let ids = 0;
  let clock = 1_000;
  return { records, checkpoints, library: new ModelLibrary(records, checkpoints, () => `m${++ids}`, () => clock++) };
}

const about = { name: 'GAN', dataset: '138 crystals', origin: 'created' };

describe('the model library', () => {
  it('names: trimmed, never empty, the first free of base, base 2, base 3', () => {
    expect(modelName('  my   GAN ')).toBe('my GAN');
    expect(() => modelName('   ')).toThrow('a model needs a name');
    expect(freeName('GAN', [])).toBe('GAN');
    expect(freeName('GAN', ['GAN', 'GAN 2', 'GAN 4'])).toBe('GAN 3');
  });

  it('lists models in the order made, each with its own checkpoint, kind, preset and steps', async () => {
    const { library: lib, checkpoints } = library();
    const first = await lib.addFiles(await ganAtStep(0), about);
    const second = await lib.addFiles(await ganAtStep(40), { ...about, origin: 'imported from gan.zip' });
    expect(first).toEqual({ id: 'm1', name: 'GAN', kind: 'gan', preset: 'tiny', steps: 0, dataset: '138 crystals', origin: 'created', createdAt: 1000 });
    expect(second).toMatchObject({ id: 'm2', name: 'GAN 2', steps: 40, origin: 'imported from gan.zip' });
    expect((await lib.list()).map((e) => e.id)).toEqual(['m1', 'm2']);
    expect(readModelMetadata((await checkpoints.load('m2'))!.modelJson).step).toBe(40);
  });

  it("records a model's steps when its checkpoint is saved, and touches no other model", async () => {
    const { library: lib } = library();
    const a = await lib.addFiles(await ganAtStep(0), about);
    const b = await lib.addFiles(await ganAtStep(0), about);
    await lib.save(a.id, await ganAtStep(150));
    expect((await lib.get(a.id))!.steps).toBe(150);
    expect((await lib.get(b.id))!.steps).toBe(0);
    expect(readModelMetadata((await lib.load(a.id))!.modelJson).step).toBe(150);
  });

  it('lists a model made in a session under a reserved id, whose checkpoint the session saved first', async () => {
    const { library: lib } = library();
    const id = lib.reserveId();
    await lib.save(id, await ganAtStep(0));
    const entry = await lib.add(id, about, readModelMetadata((await lib.load(id))!.modelJson));
    expect(entry).toMatchObject({ id, name: 'GAN', steps: 0 });
  });

  it('duplicates a model from its latest weights as a new entry, to fine-tune apart from the original', async () => {
    const { library: lib } = library();
    const source = await lib.addFiles(await ganAtStep(100), { ...about, name: 'perov GAN' });
    const copy = await lib.duplicate(source.id, await ganAtStep(120));
    expect(copy).toMatchObject({ id: 'm2', name: 'perov GAN copy', steps: 120, dataset: '138 crystals', origin: 'copy of perov GAN at step 120' });
    await lib.save(copy.id, await ganAtStep(300));
    expect((await lib.get(source.id))!.steps).toBe(100);
    expect(readModelMetadata((await lib.load(source.id))!.modelJson).step).toBe(100);
  });

  it("keeps a model's latest metrics: a later step's, or at the same step those over at least as many samples; copies carry them", async () => {
    const { library: lib } = library();
    const release = { samples: 1000, valid: 0.96, covR: 0.8 };
    const atRelease = { step: 500, against: "perov_5's test split, at release" };
    const model = await lib.addFiles(await ganAtStep(500), { ...about, metrics: release, metricsAt: atRelease });
    const glance = { samples: 16, valid: 0.5 };
    const loaded = { step: 500, against: '3787 crystals loaded, perov_5 (0.2 / 4) cutoffs' };
    expect(await lib.recordMetrics(model.id, glance, loaded)).toMatchObject({ metrics: release, metricsAt: atRelease });
    expect(await lib.recordMetrics(model.id, { samples: 1000, valid: 0.9 }, loaded)).toMatchObject({ metrics: { valid: 0.9 }, metricsAt: loaded });
    const later = { ...loaded, step: 700 };
    expect(await lib.recordMetrics(model.id, glance, later)).toMatchObject({ metrics: glance, metricsAt: later });
    expect(await lib.recordMetrics(model.id, release, atRelease)).toMatchObject({ metrics: glance, metricsAt: later });
    const copy = await lib.duplicate(model.id, await ganAtStep(700));
    expect(copy).toMatchObject({ metrics: glance, metricsAt: later });
    // An entry kept before metrics had a basis takes any measurement; a deleted one takes none.
    const older = await lib.addFiles(await ganAtStep(0), { ...about, metrics: release });
    expect(await lib.recordMetrics(older.id, glance, loaded)).toMatchObject({ metrics: glance, metricsAt: loaded });
    await lib.delete(older.id);
    expect(await lib.recordMetrics(older.id, release, later)).toBeUndefined();
  });

  it('renames to a free name only, and deletes a model with its checkpoint', async () => {
    const { library: lib, checkpoints } = library();
    const a = await lib.addFiles(await ganAtStep(0), about);
    const b = await lib.addFiles(await ganAtStep(0), about);
    expect(await lib.rename(a.id, '  NaCl GAN ')).toMatchObject({ id: a.id, name: 'NaCl GAN' });
    await expect(lib.rename(b.id, 'NaCl GAN')).rejects.toThrow('another model is named NaCl GAN');
    await lib.delete(a.id);
    expect((await lib.list()).map((e) => e.name)).toEqual(['GAN 2']);
    expect(await checkpoints.load(a.id)).toBeUndefined();
    await expect(lib.rename(a.id, 'back')).rejects.toThrow('no longer in the library');
  });

  it('migrates the one `current` checkpoint of the studio before the library into an entry, once', async () => {
    const { library: lib, checkpoints } = library();
    expect(await lib.migrateCurrent()).toBeUndefined();
    await checkpoints.save(CURRENT, await ganAtStep(77));
    const migrated = await lib.migrateCurrent();
    expect(migrated).toMatchObject({ id: 'm1', name: MIGRATED_NAME, kind: 'gan', steps: 77 });
    expect(await checkpoints.load(CURRENT)).toBeUndefined();
    expect(readModelMetadata((await lib.load('m1'))!.modelJson).step).toBe(77);
    expect(await lib.migrateCurrent()).toBeUndefined();
    expect(await lib.list()).toHaveLength(1);
  });
});
