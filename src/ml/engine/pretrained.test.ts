/**
 * Pretrained start points in Node: a tiny model trained here is released into a temp models folder, served over
 * HTTP (node:http, as Vite serves public/), listed, fetched, checked and loaded into a fresh session, which samples
 * what the original samples (its optimiser state stripped for release) and fine-tunes on crystals of another dataset with the model's bounds (those beyond
 * them skipped with the reason). The committed public/models/index.json must describe the folders beside it.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../core/crystens/dataset';
import type { Crystal } from '../../core/crystal';
import { ingestFile } from '../../core/ingest/ingest';
import { initMoyoNode } from '../../core/symmetry/moyo-node';
import { DATASETS, REPO_ROOT } from '../../core/testing/corpus';
import { MemoryCheckpointStore } from './checkpoint-store';
import { writeModelDir } from './model-folder';
import type { ModelFiles } from './model-files';
import {
  checkPretrainedFiles,
  fetchPretrainedManifest,
  fetchPretrainedModel,
  MANIFEST_FILE,
  type PretrainedModel,
  readPretrainedManifest,
  type Release,
  withoutOptimizerState,
} from './pretrained';
import { manifestOfFolder, writeManifest } from './pretrained-folder';
import { TrainingSession } from './session';

const ID = 'perov_5-diffusion';
const RELEASE: Release = {
  dataset: 'perov_5',
  recipe: 'crystens train --model diffusion --preset tiny --data val.csv --steps 2 --batch 4 --seed 7 --out perov_5-diffusion',
  metrics: { samples: 1000, valid: 0.5, unique: 0.25, ksA: 0.4 },
};

let perov: Crystal[] = [];
let carbon: Crystal[] = [];
let source: TrainingSession;
let released: ModelFiles;
let dir: string;
let server: Server;
let indexUrl: string;

const crystalsOf = (path: string, n: number) =>
  ingestFile({ name: 'data.csv', bytes: readFileSync(path) })
    .slice(0, n)
    .flatMap((e) => (e.ok ? [e.crystal] : []));

async function firstSample(session: TrainingSession): Promise<Float32Array> {
  let out = new Float32Array(0);
  await session.sample(1, { sampler: 'ddim', steps: 4, seed: 3, onChunk: (t) => (out = t.slice()) });
  return out;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await initMoyoNode();
  perov = crystalsOf(DATASETS.perov5, 16);
  carbon = crystalsOf(DATASETS.carbon24, 12);
  source = new TrainingSession(new MemoryCheckpointStore(), 1000);
  source.setDataset(buildDataset(perov));
  await source.newModel({ kind: 'diffusion', preset: 'tiny', seed: 7, batchSize: 4 });
  await source.train(2, () => {});
  released = await source.exportModel();

  dir = mkdtempSync(join(tmpdir(), 'crystens-models-'));
  writeModelDir(join(dir, ID), released);
  writeFileSync(join(dir, ID, 'release.json'), JSON.stringify(RELEASE));
  writeManifest(dir, { stripOptimizer: true });
  server = createServer((request, response) => {
    try {
      const body = readFileSync(join(dir, decodeURIComponent(new URL(request.url!, 'http://x').pathname).replace(/^\/models\//, '')));
      response.writeHead(200).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  indexUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/${MANIFEST_FILE}`;
}, 120_000);

afterAll(() => {
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a released models folder', () => {
  it('lists each model with figures read from its files', () => {
    const [entry] = manifestOfFolder(dir).models;
    expect(entry).toEqual({
      id: ID,
      kind: 'diffusion',
      preset: 'tiny',
      ...RELEASE,
      parameters: source.status!.parameters,
      bytes: statSync(join(dir, ID, 'model.json')).size + statSync(join(dir, ID, 'weights.bin')).size,
      steps: 2,
    });
  });

  it('ships without the optimiser state: Adam’s two moments per weight are dropped', () => {
    const stripped = withoutOptimizerState(released);
    const names = (files: ModelFiles) => (JSON.parse(files.modelJson).weightsManifest[0].weights as { name: string }[]).map((w) => w.name);
    expect(names(stripped)).toEqual(names(released).filter((n) => !n.startsWith('optimizer:')));
    const moments = names(released).filter((n) => n.startsWith('optimizer:') && !/iter/.test(n)).length;
    expect(moments).toBeGreaterThan(0);
    expect(readFileSync(join(dir, ID, 'weights.bin'))).toEqual(Buffer.from(stripped.weights));
    // Adam keeps two float32 moments for each learned weight (the EMA copy has none, and is kept).
    expect(released.weights.byteLength - stripped.weights.byteLength).toBeGreaterThanOrEqual(2 * 4 * source.status!.parameters);
  });

  it('is fetched over HTTP and loads into a fresh session that samples what the original samples', async () => {
    const manifest = await fetchPretrainedManifest(indexUrl);
    expect(manifest.models.map((m) => m.id)).toEqual([ID]);
    const files = await fetchPretrainedModel(indexUrl, manifest.models[0]!);
    const session = new TrainingSession(new MemoryCheckpointStore());
    expect(await session.importModel(files)).toMatchObject({ step: 2, config: { kind: 'diffusion', preset: 'tiny' } });
    expect(await firstSample(session)).toEqual(await firstSample(source));
  });

  it('fine-tunes on other crystals within its bounds, skipping those beyond them with the reason', async () => {
    const manifest = await fetchPretrainedManifest(indexUrl);
    const session = new TrainingSession(new MemoryCheckpointStore(), 1000);
    const status = await session.importModel(await fetchPretrainedModel(indexUrl, manifest.models[0]!));
    const bound = status.config.normalization.lengthBound;
    const beyond = carbon.filter((c) => Math.max(c.lattice.a, c.lattice.b, c.lattice.c) > bound);
    expect(beyond.length).toBeGreaterThan(0); // carbon_24's cells are longer than perov_5's
    const summary = session.setDataset(buildDataset([...perov.slice(0, 4), ...carbon]));
    expect(summary.lengthBound).toBe(bound);
    expect(summary.skipped.map((s) => s.source)).toEqual(beyond.map((c) => c.source));
    for (const s of summary.skipped) expect(s.reason).toMatch(new RegExp(`exceeds the bound ${bound} Å`));
    await session.train(3, () => {});
    expect(session.status!.step).toBe(3);
  });

  it('says what is wrong when the server or the files do not match the index', async () => {
    const entry = (await fetchPretrainedManifest(indexUrl)).models[0]!;
    await expect(fetchPretrainedModel(indexUrl, { ...entry, id: 'carbon_24-diffusion' })).rejects.toThrow(/HTTP 404/);
    await expect(fetchPretrainedManifest(indexUrl.replace(MANIFEST_FILE, 'missing.json'))).rejects.toThrow(/HTTP 404/);
    const stale: PretrainedModel = { ...entry, kind: 'gan', steps: 5 };
    expect(() => checkPretrainedFiles(stale, released)).toThrow(/a diffusion model, the index says gan; it is at step 2, the index says 5/);
    const truncated = { ...released, weights: released.weights.subarray(0, released.weights.byteLength - 8) };
    expect(() => checkPretrainedFiles(entry, truncated)).toThrow(/weights.bin holds \d+ bytes, model.json describes \d+/);
  });
});

describe('the manifest reader', () => {
  const good = { format: 'crystens-studio-pretrained', version: 1, models: [{ id: ID, kind: 'diffusion', preset: 'small', parameters: 10, bytes: 20, steps: 3, ...RELEASE }] };
  const withModel = (change: Record<string, unknown>) => ({ ...good, models: [{ ...good.models[0], ...change }] });

  it('accepts a valid manifest and refuses each kind of mistake by name', () => {
    expect(readPretrainedManifest(good).models[0]).toMatchObject({ id: ID, metrics: RELEASE.metrics });
    expect(() => readPretrainedManifest({ ...good, format: 'other' })).toThrow(/not a crystens-studio-pretrained manifest/);
    expect(() => readPretrainedManifest({ ...good, version: 2 })).toThrow(/version 2; this studio reads up to 1/);
    expect(() => readPretrainedManifest(withModel({ id: '../../etc' }))).toThrow(/models\[0\]: id "..\/..\/etc" should be a folder name/);
    expect(() => readPretrainedManifest(withModel({ kind: 'vae' }))).toThrow(/models\[0\]: kind should be one of gan, wgan, diffusion/);
    expect(() => readPretrainedManifest(withModel({ bytes: -1 }))).toThrow(/models\[0\]: bytes should be a whole number/);
    expect(() => readPretrainedManifest(withModel({ recipe: '' }))).toThrow(/models\[0\]: recipe should be a non-empty string/);
    expect(() => readPretrainedManifest(withModel({ metrics: { samples: 10, valid: 93 } }))).toThrow(/metrics.valid should be a fraction/);
    expect(() => readPretrainedManifest({ ...good, models: [good.models[0], good.models[0]] })).toThrow(/lists perov_5-diffusion twice/);
  });

  it('reads the committed public/models/index.json, which matches the folders beside it', () => {
    const models = join(REPO_ROOT, 'public/models');
    const committed = readPretrainedManifest(JSON.parse(readFileSync(join(models, MANIFEST_FILE), 'utf8')));
    expect(committed).toEqual(manifestOfFolder(models));
  });
});
