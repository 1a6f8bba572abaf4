/**
 * npm run bench:quality — what each model family generates after a fixed training budget on perov_5.
 *
 *   tsx bench/quality.ts [--models diffusion,gan,wgan] [--preset small] [--minutes 20] [--backend wasm|cpu]
 *                        [--samples 1000] [--ddim-steps 50] [--seed 1] [--json out.json]
 *   tsx bench/quality.ts --npy X.npy [--meta X.json]     (scores tensors made elsewhere, e.g. a PyTorch twin)
 *
 * Trains on perov_5 val.csv, samples, decodes with the studio's decoder and prints the rows of quality-metrics.ts
 * against perov_5 test.csv (novelty against val): first the floor (real test tensors, encoded and decoded), then
 * per family the untrained model and the trained one. Figures, not assertions: a benchmark, not a test.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildDataset, encodeBatch } from '../src/core/crystens/dataset';
import { ENTRIES } from '../src/core/crystens/layout';
import type { Crystal } from '../src/core/crystal';
import type { Normalization } from '../src/core/crystens/layout';
import { crysTensBatch, readNpy } from '../src/core/crystens/npy';
import { ingestFile } from '../src/core/ingest/ingest';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';
import { DATASETS } from '../src/core/testing/corpus';
import { useTrainingBackend } from '../src/cli/commands/train';
import { MemoryCheckpointStore } from '../src/ml/engine/checkpoint-store';
import { TrainingSession } from '../src/ml/engine/session';
import { MODEL_KINDS, type ModelKind, PRESETS, type Preset } from '../src/ml/types';
import { EvaluationSet } from '../src/core/metrics/evaluation';
import { decodeAll, type QualityReport, qualityReport } from './quality-metrics';

/** perov_5's crystals all have five sites. */
const PEROV_SITES = 5;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function readCrystals(path: string): Crystal[] {
  return ingestFile({ name: path, bytes: readFileSync(path) }).flatMap((e) => (e.ok ? [e.crystal] : []));
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);

function printRow(label: string, r: QualityReport): void {
  const c = r.scorecard;
  console.log(
    `${label.padEnd(28)} ${PEROV_SITES} sites ${percent(r.expectedSites)}  valid ${percent(c.valid)} (struct ${percent(c.structural)}, comp ${percent(c.compositional)})  ` +
      `unique ${percent(c.uniqueness)}  novel ${percent(c.novelty)}  formulas ${String(r.formulas).padStart(4)}  COV-R ${percent(c.coverage.recall)}  COV-P ${percent(c.coverage.precision)}  ` +
      `K–S a ${r.ks.a.toFixed(3)} b ${r.ks.b.toFixed(3)} c ${r.ks.c.toFixed(3)}  EMD ρ ${c.emd.density.toFixed(3)} #el ${c.emd.elements.toFixed(3)}`,
  );
}

async function main(): Promise<void> {
  await initMoyoNode();
  const samples = Number(option('samples') ?? 1000);
  const training = readCrystals(DATASETS.perov5);
  const reference = new EvaluationSet(readCrystals(resolve(DATASETS.perov5, '../test.csv')));
  const trainingSet = new EvaluationSet(training);
  const rows: Record<string, QualityReport> = {};
  const report = (label: string, tensors: Float32Array, count: number, normalization: Normalization) => {
    rows[label] = qualityReport(decodeAll(tensors, count, normalization), PEROV_SITES, reference, trainingSet);
    printRow(label, rows[label]);
  };

  const npy = option('npy');
  if (npy) {
    const meta = option('meta') ?? npy.replace(/\.npy$/, '.json');
    const { normalization } = JSON.parse(readFileSync(meta, 'utf8')) as { normalization: Normalization };
    const batch = crysTensBatch(readNpy(readFileSync(npy)), false);
    report(npy, batch.data, batch.count, normalization);
    return;
  }

  const { dataset } = buildDataset(training);
  const floor = buildDataset(reference.crystals.slice(0, samples), dataset.normalization).dataset;
  report('floor (real test tensors)', encodeBatch(floor, floor.entries.map((_, i) => i)), floor.entries.length, dataset.normalization);

  const models = (option('models') ?? MODEL_KINDS.join(',')).split(',') as ModelKind[];
  const preset = (option('preset') ?? 'small') as Preset;
  if (!PRESETS.includes(preset)) throw new Error(`--preset must be one of ${PRESETS.join(', ')}`);
  const minutes = Number(option('minutes') ?? 20);
  const backend = await useTrainingBackend(option('backend'));
  const seed = Number(option('seed') ?? 1);
  const ddimSteps = option('ddim-steps') === undefined ? undefined : Number(option('ddim-steps'));
  for (const kind of models) {
    const session = new TrainingSession(new MemoryCheckpointStore());
    session.setDataset(buildDataset(training));
    await session.newModel({ kind, preset, seed });
    const sampleRow = async (label: string) => {
      const tensors = new Float32Array(samples * ENTRIES);
      const started = performance.now();
      await session.sample(samples, { seed, steps: ddimSteps, onChunk: (chunk, offset) => tensors.set(chunk, offset * ENTRIES) });
      console.log(`  sampled ${samples} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      report(label, tensors, samples, dataset.normalization);
    };
    await sampleRow(`${kind} ${preset} untrained`);
    const started = performance.now();
    const cpu = process.cpuUsage();
    let stepsPerSecond = 0;
    await session.train(Number.MAX_SAFE_INTEGER, (e) => {
      stepsPerSecond = e.stepsPerSecond;
      if (performance.now() - started >= minutes * 60_000) void session.pause();
    });
    const steps = session.status!.step;
    const used = process.cpuUsage(cpu);
    // CPU time as well as wall time: on a shared machine the wall clock says little about the model.
    const cpuMinutes = (used.user + used.system) / 60e6;
    console.log(`  ${kind} ${preset}: ${steps} steps in ${((performance.now() - started) / 60_000).toFixed(1)} min (${cpuMinutes.toFixed(1)} CPU min) on ${backend}, ${stepsPerSecond.toFixed(2)} steps/s at the end`);
    await sampleRow(`${kind} ${preset} ${steps} steps`);
    session.dispose();
  }
  const out = option('json');
  if (out) writeFileSync(out, JSON.stringify({ preset, minutes, samples, backend, rows }, null, 1));
}

await main();
