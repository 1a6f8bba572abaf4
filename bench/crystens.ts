/**
 * CrysTens throughput: encoding (crystals → tensors) and decoding with the Table 1/2 metrics (tensors →
 * crystals), on the first crystals of the perov_5, carbon_24 and MP-40 CSVs; and the memory of a 54k-crystal
 * dataset. Prints a table and writes bench/results/crystens.json.
 *
 *   npm run bench:crystens [-- --n 1000]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildDataset, datasetBytes, encodeBatch } from '../src/core/crystens/dataset';
import { ENTRIES } from '../src/core/crystens/layout';
import { crystalMetrics } from '../src/core/crystens/metrics';
import { DEFAULT_CLUSTERING, PAPER_CLUSTERING, reconstruct } from '../src/core/crystens/reconstruct';
import type { Crystal } from '../src/core/crystal';
import { ingestFile } from '../src/core/ingest/ingest';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';
import { DATASETS, REPO_ROOT } from '../src/core/testing/corpus';
import { gaussian, seededRandom } from '../src/core/random';

const nArg = process.argv.indexOf('--n');
const N = nArg > 0 ? Number(process.argv[nArg + 1]) : 1000;

await initMoyoNode();
const all: Crystal[] = [DATASETS.perov5, DATASETS.carbon24, DATASETS.mp40].flatMap((p) =>
  ingestFile({ name: p, bytes: readFileSync(p) }).flatMap((e) => (e.ok ? [e.crystal] : [])),
);
const { dataset } = buildDataset(all);
const indices = Array.from({ length: N }, (_, i) => (i * 7919) % dataset.entries.length); // a spread over all three sets

const time = (f: () => void) => {
  f();
  const t = performance.now();
  f();
  return performance.now() - t;
};
let batch: Float32Array = new Float32Array(0);
const encodeMs = time(() => (batch = encodeBatch(dataset, indices)));
// Decoding a model's output: the same tensors with noise, so that clustering and metrics have work to do.
const noise = gaussian(seededRandom(7));
const noisy = batch.map((v) => v + 0.005 * noise());
const decode = (options: Parameters<typeof reconstruct>[2]) => () => {
  for (let i = 0; i < N; i++) {
    const r = reconstruct(noisy.subarray(i * ENTRIES, (i + 1) * ENTRIES), dataset.normalization, options);
    if (r.ok) crystalMetrics(r.trace);
  }
};
const decodePaperMs = time(decode(PAPER_CLUSTERING));
const decodeAutoMs = time(decode(DEFAULT_CLUSTERING));

// Memory: a 54k-crystal dataset (the paper's 53,856) built by repeating the crystals read above.
globalThis.gc?.();
const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const big = buildDataset(Array.from({ length: 54_000 }, (_, i) => ({ ...all[i % all.length]!, source: `crystal ${i}` }))).dataset;
globalThis.gc?.();
const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;

const results = {
  tensors: N,
  encode_ms: encodeMs,
  encode_tensors_per_s: (1000 * N) / encodeMs,
  decode_metrics_paper_k_ms: decodePaperMs,
  decode_metrics_auto_k_ms: decodeAutoMs,
  dataset_54k_array_bytes: datasetBytes(big),
  dataset_54k_heap_growth_bytes: after - before,
};
console.log(`CrysTens, ${N} tensors from perov_5, carbon_24 and MP-40`);
console.log(`  encode:                 ${encodeMs.toFixed(0)} ms (${results.encode_tensors_per_s.toFixed(0)} tensors/s)`);
console.log(`  decode + metrics, k = 3/6: ${decodePaperMs.toFixed(0)} ms   (target < 1000 ms)`);
console.log(`  decode + metrics, auto k:  ${decodeAutoMs.toFixed(0)} ms`);
console.log(`  54k-crystal dataset: ${(results.dataset_54k_array_bytes / 1e6).toFixed(1)} MB of arrays, heap growth ${(results.dataset_54k_heap_growth_bytes / 1e6).toFixed(0)} MB (target < 300 MB)`);
mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(resolve(REPO_ROOT, 'bench/results/crystens.json'), JSON.stringify(results, null, 1));
