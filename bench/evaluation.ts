/**
 * The whole generation scorecard (src/core/metrics/evaluation.ts) at the field's scale: 1,000 generated crystals
 * against the 3,785 perov_5 test crystals (coverage, property distances) and the 3,787 val crystals (novelty), on
 * one thread as the crystal worker runs it. "Generated" = perov_5 val tensors with Gaussian noise (σ = 0.005) decoded
 * with the default clustering, so that matching and fingerprints see imperfect crystals. Preparing a reference set
 * (reduction, fingerprints) happens once per dataset in the studio; it is timed apart. Also the floor: the val
 * tensors decoded without noise, scored the same way.
 * Prints a table and writes bench/results/evaluation.json.
 *
 *   npm run bench:evaluation
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Crystal } from '../src/core/crystal';
import { buildDataset, encodeBatch } from '../src/core/crystens/dataset';
import { decodeTensor } from '../src/core/crystens/decode';
import { ENTRIES } from '../src/core/crystens/layout';
import { DEFAULT_CLUSTERING } from '../src/core/crystens/reconstruct';
import { ingestFile } from '../src/core/ingest/ingest';
import { COVERAGE_CUTOFFS } from '../src/core/metrics/coverage';
import { EvaluationSet, type Scorecard, scorecard } from '../src/core/metrics/evaluation';
import { gaussian, seededRandom } from '../src/core/random';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';
import { DATASETS, REPO_ROOT } from '../src/core/testing/corpus';

const N = 1000;
const read = (path: string): Crystal[] => ingestFile({ name: path, bytes: readFileSync(path) }).flatMap((e) => (e.ok ? [e.crystal] : []));
const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const out = f();
  return [out, performance.now() - t];
};

await initMoyoNode();
const val = read(DATASETS.perov5);
const test = read(DATASETS.perov5.replace('val.csv', 'test.csv'));
const { dataset } = buildDataset([...val, ...test]);
const indices = Array.from({ length: N }, (_, i) => i);
const clean = encodeBatch(dataset, indices);
const noise = gaussian(seededRandom(11));
const noisy = clean.map((v) => v + 0.005 * noise());

function decodeAll(batch: Float32Array): { crystals: Crystal[]; failed: number } {
  const crystals: Crystal[] = [];
  for (let i = 0; i < N; i++) {
    const d = decodeTensor(batch.subarray(i * ENTRIES, (i + 1) * ENTRIES), dataset.normalization, DEFAULT_CLUSTERING, i, `#${i}`);
    if (d.ok) crystals.push(d.crystal);
  }
  return { crystals, failed: N - crystals.length };
}

const reference = new EvaluationSet(test);
const training = new EvaluationSet(val);
const [, prepareReferenceMs] = timed(() => reference.fingerprints);
const [, prepareTrainingMs] = timed(() => training.reduced);
const rows: Record<string, { card: Scorecard; ms: number }> = {};
for (const [name, batch] of [['noisy val (σ = 0.005)', noisy], ['floor: val decoded', clean]] as const) {
  const [{ crystals, failed }, decodeMs] = timed(() => decodeAll(batch));
  const [card, ms] = timed(() => scorecard({ generated: new EvaluationSet(crystals), reference, training, cutoffs: COVERAGE_CUTOFFS.perov_5, failed }));
  rows[name] = { card, ms: decodeMs + ms };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`.padStart(8);
console.log(`Scorecard of ${N} crystals against perov_5 test (${test.length}) and val (${val.length}), one thread`);
console.log(`  prepare reference (fingerprints of ${test.length}): ${(prepareReferenceMs / 1000).toFixed(1)} s, training (reduction of ${val.length}): ${(prepareTrainingMs / 1000).toFixed(1)} s (once per dataset)`);
console.log('  set                      decode+score    valid   unique    novel    COV-R    COV-P  EMD ρ   EMD #el');
for (const [name, { card, ms }] of Object.entries(rows)) {
  console.log(`  ${name.padEnd(24)} ${(ms / 1000).toFixed(1).padStart(8)} s ${pct(card.valid)} ${pct(card.uniqueness)} ${pct(card.novelty)} ${pct(card.coverage.recall)} ${pct(card.coverage.precision)}  ${card.emd.density.toFixed(3)}   ${card.emd.elements.toFixed(3)}`);
}
mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(resolve(REPO_ROOT, 'bench/results/evaluation.json'), JSON.stringify({ n: N, prepareReferenceMs, prepareTrainingMs, rows }, null, 1));
