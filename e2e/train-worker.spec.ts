/**
 * The training engine in its worker, in Debian's chromium: each model trains a few steps on the webgpu backend
 * (SwiftShader's software adapter, with --enable-unsafe-webgpu: slow, but the real code path) and on webgl;
 * pause and resume work; a reload resumes from the IndexedDB checkpoint. Driven through the page's worker
 * client, as the Train panel will.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import type { Crystal } from '../src/core/crystal';

type IngestClient = typeof import('../src/ui/crystalClient');
type TrainClient = typeof import('../src/ui/train/trainClient');
/** Modules the page imports from the Vite dev server (paths as strings: they are not resolved at type-check). */
const INGEST_CLIENT = '/src/ui/crystalClient.ts';
const TRAIN_CLIENT = '/src/ui/train/trainClient.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const perov = readFileSync(path.resolve(repoRoot, '../shared/data/cdvae/perov_5/train_head116_via_CosmosYou.csv'));

test.describe.configure({ timeout: 300_000 });

/** Loads the crystals into the train worker of a fresh page and picks the backend. */
async function prepare(page: Page, backend: 'webgpu' | 'webgl'): Promise<{ backend: string; crystals: number }> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  const result = await page.evaluate(
    async ({ bytes, backend, ingestClient, trainClient }) => {
      const { ingestInWorker } = (await import(ingestClient)) as IngestClient;
      const { trainWorker, trainOn } = (await import(trainClient)) as TrainClient;
      const crystals: Crystal[] = [];
      await ingestInWorker([{ name: 'perov.csv', bytes: new Uint8Array(bytes) }], () => {}, (entries) => {
        for (const e of entries) if (e.ok) crystals.push(e.crystal);
      });
      const choice = await trainWorker().init(backend);
      const summary = await trainOn(crystals);
      return { backend: choice.backend, crystals: summary.crystals };
    },
    { bytes: [...perov], backend, ingestClient: INGEST_CLIENT, trainClient: TRAIN_CLIENT },
  );
  expect(errors).toEqual([]);
  return result;
}

for (const backend of ['webgpu', 'webgl'] as const) {
  // One page per backend, the three families in turn: a page load, an ingest and a worker start apiece cost as
  // much as a tiny model's steps.
  test(`every model family trains in the worker on ${backend}`, async ({ page }) => {
    test.setTimeout(480_000);
    const ready = await prepare(page, backend);
    expect(ready.backend).toBe(backend);
    expect(ready.crystals).toBeGreaterThan(10);
    for (const kind of ['gan', 'wgan', 'diffusion'] as const) {
      const events = await page.evaluate(async ({ kind, trainClient }) => {
        const { trainWorker, Comlink } = (await import(trainClient)) as TrainClient;
        const worker = trainWorker();
        await worker.newModel({ kind, preset: 'tiny', seed: 3, batchSize: 4 }, { name: `e2e ${kind}`, dataset: 'perov_5 val' });
        const seen: { step: number; state: string; backend: string; losses: Record<string, number> }[] = [];
        await worker.train(3, Comlink.proxy((e: { step: number; state: string; backend: string; losses: Record<string, number> }) => void seen.push(e)));
        return seen;
      }, { kind, trainClient: TRAIN_CLIENT });
      const last = events.at(-1)!;
      expect(last, kind).toMatchObject({ step: 3, state: 'finished', backend });
      for (const [name, value] of Object.entries(last.losses)) expect(Number.isFinite(value), `${kind} ${name} loss ${value}`).toBe(true);
    }
  });
}

test('pause, resume, and a reload that resumes from the checkpoint', async ({ page }) => {
  await prepare(page, 'webgl');
  const paused = await page.evaluate(async (trainClient) => {
    const { trainWorker, Comlink } = (await import(trainClient)) as TrainClient;
    const worker = trainWorker();
    const { entry } = await worker.newModel({ kind: 'gan', preset: 'tiny', seed: 4, batchSize: 4 }, { name: 'e2e', dataset: 'perov_5 val' });
    const training = worker.train(1000, Comlink.proxy((e: { step: number }) => {
      if (e.step === 2) void worker.pause();
    }));
    await training;
    const atPause = (await worker.status())!.step;
    await worker.step(Comlink.proxy(() => {}));
    const afterStep = (await worker.status())!.step;
    await worker.pause();
    return { atPause, afterStep, id: entry.id };
  }, TRAIN_CLIENT);
  expect(paused.atPause).toBeGreaterThanOrEqual(2);
  expect(paused.afterStep).toBe(paused.atPause + 1);

  await page.reload();
  const resumed = await page.evaluate(async ({ trainClient, id }) => {
    const { trainWorker } = (await import(trainClient)) as TrainClient;
    return (await trainWorker().openModel(id)).status;
  }, { trainClient: TRAIN_CLIENT, id: paused.id });
  // The pause checkpointed its step, and the single step after it was checkpointed at once.
  expect(resumed).toMatchObject({ step: paused.afterStep, config: { kind: 'gan', seed: 4 } });
});

test('a lost WebGPU device moves training to webgl from the last checkpoint, with a notice', async ({ page }) => {
  const ready = await prepare(page, 'webgpu');
  expect(ready.backend).toBe('webgpu');
  await page.evaluate(async (trainClient) => {
    const { trainWorker, Comlink } = (await import(trainClient)) as TrainClient;
    const worker = trainWorker();
    (globalThis as { notices?: string[] }).notices = [];
    await worker.init('webgpu', Comlink.proxy((m: string) => void (globalThis as { notices?: string[] }).notices!.push(m)));
    await worker.newModel({ kind: 'gan', preset: 'tiny', seed: 5, batchSize: 4 }, { name: 'e2e', dataset: 'perov_5 val' });
    await worker.train(2, Comlink.proxy(() => {})); // finishing saves a checkpoint at step 2
  }, TRAIN_CLIENT);

  // What a driver reset or a GPU crash does: the device goes away under the running backend.
  const trainWorker = page.workers().find((w) => w.url().includes('train.worker'));
  expect(trainWorker).toBeDefined();
  await trainWorker!.evaluate(() => (globalThis as unknown as { _tfengine: { backend: { device: { destroy(): void } } } })._tfengine.backend.device.destroy());

  // (The model's step timing, measured aside in the trial worker, may report among the notices too.)
  await expect.poll(() => page.evaluate(() => (globalThis as { notices?: string[] }).notices), { timeout: 60_000 }).toContainEqual(
    expect.stringMatching(/WebGPU device was lost.*training moved to webgl from the last checkpoint/),
  );
  const after = await page.evaluate(async (trainClient) => {
    const { trainWorker, Comlink } = (await import(trainClient)) as TrainClient;
    const worker = trainWorker();
    const restored = await worker.status();
    let last: { step: number; backend: string } | undefined;
    await worker.train(4, Comlink.proxy((e: { step: number; backend: string }) => void (last = e)));
    return { backend: (await worker.backend())?.backend, restored: restored?.step, last };
  }, TRAIN_CLIENT);
  expect(after).toMatchObject({ backend: 'webgl', restored: 2, last: { step: 4, backend: 'webgl' } });
});
