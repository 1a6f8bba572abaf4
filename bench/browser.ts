/**
 * Training and sampling speed in the studio's training worker, in Debian's chromium, on each backend the browser
 * offers (webgpu: SwiftShader's software adapter on a machine without a GPU; webgl; wasm; cpu): milliseconds per
 * training step for each model and preset, and the time to sample 100 crystals. Diffusion sampling is timed on
 * 16 crystals and scaled to 100 (DDIM 50 steps; DDPM's 1000 steps from its first 50). Sampling runs where the
 * worker chooses (the training backend or wasm, whichever its trial finds faster); each row says which. Writes
 * bench/results/browser.json.
 *
 * On a machine with a GPU, `--torch cuda` times each network's PyTorch twin (bench/torch/twins.py, parameter
 * counts asserted) on CUDA for the same number of steps and prints the ratio: webgpu/webgl against PyTorch on
 * the same card. `--chromium` names another browser binary and `--chromium-flags` adds its switches (a GPU
 * usually wants e.g. "--use-angle=vulkan --enable-features=Vulkan", or headless Chromium falls back to SwiftShader).
 *
 *   npm run bench:browser [-- --presets tiny,small] [-- --backends webgpu,webgl,wasm,cpu] [-- --torch cuda]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { createServer } from 'vite';
import type { Crystal } from '../src/core/crystal';
import { DATASETS, REPO_ROOT } from '../src/core/testing/corpus';
import { MODEL_KINDS, type ModelConfig, type ModelKind, type Preset } from '../src/ml/types';
import { TorchTwin } from './torch/client';

type CrystalClient = typeof import('../src/ui/crystalClient');
type TrainClient = typeof import('../src/ui/train/trainClient');

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return (i > 0 ? process.argv[i + 1]! : fallback).split(',');
};
const presets = arg('presets', 'tiny') as Preset[];
const backends = arg('backends', 'webgpu,webgl,wasm,cpu');
const torchDevice = arg('torch', 'none')[0]!;
const chromiumPath = arg('chromium', '/usr/bin/chromium')[0]!;
const chromiumFlags = arg('chromium-flags', '')[0]!.split(' ').filter(Boolean);
const PORT = 4190;
/** Modules the page imports from the dev server (strings: they are not resolved at type-check). */
const CRYSTAL_CLIENT = '/src/ui/crystalClient.ts';
const TRAIN_CLIENT = '/src/ui/train/trainClient.ts';
const DIFFUSION_SAMPLE = 16;

const server = await createServer({ root: REPO_ROOT, logLevel: 'error', server: { host: '127.0.0.1', port: PORT, strictPort: true } });
await server.listen();
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...chromiumFlags],
});
const csv = [...readFileSync(DATASETS.perov5)];

/** A fresh page whose training worker holds the perov_5 crystals, on `backend`. */
async function preparedPage(backend: string): Promise<{ page: Page; backend: string }> {
  const page = await (await browser.newContext()).newPage();
  // tsx compiles this file with esbuild's keepNames: the functions handed to page.evaluate call its __name helper.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const chosen = await page.evaluate(
    async ({ csv, backend, crystalClient, trainClient }) => {
      const { ingestInWorker } = (await import(crystalClient)) as CrystalClient;
      const { trainWorker, trainOn } = (await import(trainClient)) as TrainClient;
      const crystals: Crystal[] = [];
      await ingestInWorker([{ name: 'perov.csv', bytes: new Uint8Array(csv) }], () => {}, (entries) => {
        for (const e of entries) if (e.ok && crystals.length < 64) crystals.push(e.crystal);
      });
      const choice = await trainWorker().init(backend as 'webgpu' | 'webgl' | 'wasm' | 'cpu');
      await trainOn(crystals);
      return choice.backend;
    },
    { csv, backend, crystalClient: CRYSTAL_CLIENT, trainClient: TRAIN_CLIENT },
  );
  return { page, backend: chosen };
}

/** Trains a fresh model one warm-up step, then times `steps` more; then times sampling. */
function measure(page: Page, kind: ModelKind, preset: Preset, steps: number) {
  return page.evaluate(
    async ({ kind, preset, steps, diffusionSample, trainClient }) => {
      const { trainWorker, Comlink } = (await import(trainClient)) as TrainClient;
      const worker = trainWorker();
      const { status } = await worker.newModel({ kind, preset, seed: 1 }, { name: `bench ${kind} ${preset}`, dataset: 'perov_5' });
      const none = Comlink.proxy(() => {});
      await worker.train(1, none);
      const t = performance.now();
      await worker.train(1 + steps, none);
      const trainMs = (performance.now() - t) / steps;
      const row: Record<string, number | string> = { batch: status.config.batchSize, parameters: status.parameters, train_ms_per_step: trainMs };
      const sample = async (n: number, request: { sampler?: 'ddpm' | 'ddim'; steps?: number }, stopAt = 1) => {
        const started = performance.now();
        const onChoice = Comlink.proxy((choice: { backend: string; reason: string }) => void (row.sampled_on = choice.reason));
        await worker.sample(n, { ...request, seed: 1, chunk: n }, none, Comlink.proxy((f: number) => f < stopAt), onChoice);
        return (performance.now() - started) / 1000;
      };
      if (kind === 'diffusion') {
        row.sample_100_ddim50_s = ((await sample(diffusionSample, { sampler: 'ddim', steps: 50 })) * 100) / diffusionSample;
        row.sample_100_ddpm1000_s_extrapolated = ((await sample(diffusionSample, { sampler: 'ddpm' }, 0.05)) * 20 * 100) / diffusionSample;
      } else {
        row.sample_100_s = await sample(100, {});
      }
      return { row, config: status.config };
    },
    { kind, preset, steps, diffusionSample: DIFFUSION_SAMPLE, trainClient: TRAIN_CLIENT },
  );
}

/** PyTorch's wall milliseconds per step of the same network on `torchDevice`, after a warm-up step, and the ratio. */
async function torchFigures(config: ModelConfig, parameters: number, oursMs: number, steps: number): Promise<Record<string, number>> {
  const twin = await TorchTwin.start(config, parameters, torchDevice);
  try {
    await twin.step();
    const times: number[] = [];
    for (let i = 0; i < Math.max(steps, 5); i++) times.push((await twin.step()).wall_ms);
    const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    return { [`torch_${torchDevice}_ms_per_step`]: ms, [`ours_over_torch_${torchDevice}`]: oursMs / ms };
  } finally {
    twin.close();
  }
}

const rows: Record<string, unknown>[] = [];
try {
  for (const wanted of backends) {
    const { page, backend } = await preparedPage(wanted);
    if (backend !== wanted) {
      console.log(JSON.stringify({ backend: wanted, skipped: `not available here (the worker chose ${backend})` }));
      await page.context().close();
      continue;
    }
    for (const preset of presets) {
      for (const kind of MODEL_KINDS) {
        const steps = preset === 'tiny' ? 5 : 2;
        const measured = await measure(page, kind, preset, steps);
        const row: Record<string, unknown> = { backend, kind, preset, ...measured.row };
        if (torchDevice !== 'none') Object.assign(row, await torchFigures(measured.config, measured.row.parameters as number, Number(measured.row.train_ms_per_step), steps));
        rows.push(row);
        console.log(JSON.stringify(row));
      }
    }
    await page.context().close();
  }
} finally {
  await browser.close();
  await server.close();
}

const out = resolve(REPO_ROOT, 'bench/results');
mkdirSync(out, { recursive: true });
writeFileSync(resolve(out, 'browser.json'), JSON.stringify({ date: new Date().toISOString(), chromium: '/usr/bin/chromium', rows }, null, 1));
