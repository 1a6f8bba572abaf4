/** The studio's training session in Node: create, train, checkpoint, resume in a fresh session, export/import. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../core/crystens/dataset';
import type { Crystal } from '../../core/crystal';
import { ENTRIES } from '../../core/crystens/layout';
import { ingestFile } from '../../core/ingest/ingest';
import { initMoyoNode } from '../../core/symmetry/moyo-node';
import { DATASETS } from '../../core/testing/corpus';
import { MemoryCheckpointStore } from './checkpoint-store';
import type { LiveSamples } from './live-samples';
import type { ModelKind } from '../types';
import { readModelMetadata } from './model-files';
import { TrainingSession } from './session';
import { onWasmBackend } from '../testing/wasm-backend';
import type { ProgressEvent } from './trainer';

let crystals: Crystal[] = [];

onWasmBackend();

beforeAll(async () => {
  await initMoyoNode();
  crystals = ingestFile({ name: 'perov.csv', bytes: readFileSync(DATASETS.perov5) }).slice(0, 24).flatMap((e) => (e.ok ? [e.crystal] : []));
});

async function firstSample(session: TrainingSession): Promise<Float32Array> {
  let out = new Float32Array(0);
  await session.sample(1, { sampler: 'ddim', steps: 5, seed: 9, onChunk: (t) => (out = t.slice()) });
  return out;
}

describe.each<ModelKind>(['gan', 'wgan', 'diffusion'])('a %s training session', (kind) => {
  it('trains, pauses with a checkpoint, and resumes from it in a fresh session', async () => {
    const store = new MemoryCheckpointStore();
    const session = new TrainingSession(store, 1000);
    expect(session.setDataset(buildDataset(crystals))).toMatchObject({ crystals: 24, skipped: [] });
    await session.newModel({ kind, preset: 'tiny', seed: 5, batchSize: 4 });
    const events: ProgressEvent[] = [];
    await session.train(1000, (e) => {
      events.push(e);
      if (e.step === 3) void session.pause();
    });
    expect(session.status!.step).toBe(3);
    const saved = await store.load('current');
    expect(readModelMetadata(saved!.modelJson)).toMatchObject({ step: 3, config: { kind, preset: 'tiny', seed: 5 } });
    const before = await firstSample(session);
    expect(before).toHaveLength(ENTRIES);

    const reloaded = new TrainingSession(store);
    reloaded.setDataset(buildDataset(crystals));
    expect(await reloaded.resumeSaved()).toMatchObject({ step: 3, config: { kind } });
    expect(await firstSample(reloaded)).toEqual(before);

    // Exported files make the same model elsewhere.
    const imported = new TrainingSession(new MemoryCheckpointStore());
    await imported.importModel(await session.exportModel());
    expect(await firstSample(imported)).toEqual(before);

    // Training goes on from the checkpoint exactly as an uninterrupted run: same batches, same noise.
    const resumedLosses: ProgressEvent['losses'][] = [];
    await reloaded.train(5, (e) => void (e.state === 'running' && resumedLosses.push(e.losses)));
    expect(reloaded.status!.step).toBe(5);
    const straight = new TrainingSession(new MemoryCheckpointStore(), 1000);
    straight.setDataset(buildDataset(crystals));
    await straight.newModel({ kind, preset: 'tiny', seed: 5, batchSize: 4 });
    const straightLosses: ProgressEvent['losses'][] = [];
    await straight.train(5, (e) => void (e.state === 'running' && straightLosses.push(e.losses)));
    expect(resumedLosses).toHaveLength(2);
    expect(resumedLosses).toEqual(straightLosses.slice(3));
    expect(await firstSample(reloaded)).toEqual(await firstSample(straight));
    for (const s of [session, reloaded, imported, straight]) s.dispose();
  });
});

describe('a session at rest', () => {
  it('takes single steps without a training run, each checkpointed', async () => {
    const store = new MemoryCheckpointStore();
    const session = new TrainingSession(store);
    session.setDataset(buildDataset(crystals));
    await session.newModel({ kind: 'gan', preset: 'tiny', seed: 2, batchSize: 4 });
    const steps: number[] = [];
    await session.stepOnce((e) => steps.push(e.step));
    await session.stepOnce((e) => steps.push(e.step));
    expect(session.status!.step).toBe(2);
    expect(steps).toEqual([1, 2]);
    expect(readModelMetadata((await store.load('current'))!.modelJson).step).toBe(2);
    session.dispose();
  });
});

describe('live samples', () => {
  it('are off until asked for, then drawn every N steps of a run, and can be switched off mid-run', async () => {
    const session = new TrainingSession(new MemoryCheckpointStore());
    session.setDataset(buildDataset(crystals));
    await session.newModel({ kind: 'gan', preset: 'tiny', seed: 2, batchSize: 4 });
    const draws: LiveSamples[] = [];
    await session.train(10, () => {});
    session.setLiveSamples({ every: 10, count: 3 }, (s) => {
      draws.push(s);
      if (s.step === 30) session.setLiveSamples({ every: 0, count: 3 }, (t) => draws.push(t));
    });
    await session.train(50, () => {});
    expect(draws.map((d) => [d.step, d.count, d.tensors.length])).toEqual([
      [20, 3, 3 * ENTRIES],
      [30, 3, 3 * ENTRIES],
    ]);
    session.dispose();
  });
});

describe("a model's training elements", () => {
  const elementsOf = (set: readonly Crystal[]) => [...new Set(set.flatMap((c) => c.sites.map((s) => s.Z)))].sort((a, b) => a - b);

  it('are those of the crystals it was made on, and widen when it trains on crystals with others', async () => {
    const first = new TrainingSession(new MemoryCheckpointStore(), 1000);
    first.setDataset(buildDataset(crystals.slice(0, 8)));
    expect((await first.newModel({ kind: 'gan', preset: 'tiny', batchSize: 4 })).config.elements).toEqual(elementsOf(crystals.slice(0, 8)));

    const store = new MemoryCheckpointStore();
    const fineTune = new TrainingSession(store, 1);
    await fineTune.importModel(await first.exportModel());
    fineTune.setDataset(buildDataset(crystals.slice(8)));
    await fineTune.train(1, () => {});
    const widened = elementsOf(crystals);
    expect(widened.length).toBeGreaterThan(elementsOf(crystals.slice(0, 8)).length);
    expect(fineTune.status!.config.elements).toEqual(widened);
    expect(readModelMetadata((await store.load('current'))!.modelJson).config.elements).toEqual(widened);
    first.dispose();
    fineTune.dispose();
  });
});

describe('a small model made by a session', () => {
  it("works on the square its crystals occupy (perov_5: 12 header rows + 5 sites → 17), unless the request says otherwise", async () => {
    const session = new TrainingSession(new MemoryCheckpointStore(), 1000);
    session.setDataset(buildDataset(crystals));
    expect((await session.newModel({ kind: 'diffusion', preset: 'small', batchSize: 2 })).config.hyper.resolution).toBe(17);
    expect((await session.newModel({ kind: 'diffusion', preset: 'small', batchSize: 2, hyper: { resolution: 32 } })).config.hyper.resolution).toBe(32);
    session.dispose();
  });
});

describe('the untrained baseline', () => {
  it('samples the network as it was at step 0, while the trained model samples its own weights', async () => {
    const session = new TrainingSession(new MemoryCheckpointStore(), 1000);
    session.setDataset(buildDataset(crystals));
    await session.newModel({ kind: 'gan', preset: 'tiny', seed: 4, batchSize: 4 });
    const before = await firstSample(session);
    await session.train(3, () => undefined);
    let untrained = new Float32Array(0);
    await session.sample(1, { sampler: 'ddim', steps: 5, seed: 9, untrained: true, onChunk: (t) => (untrained = t.slice()) });
    expect(untrained).toEqual(before);
    expect(await firstSample(session)).not.toEqual(before);
    session.dispose();
  });
});
