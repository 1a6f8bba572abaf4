/**
 * Times the StructureMatcher metrics at evaluation scale: uniqueness of 1,000 perov_5 crystals (the first 1,000
 * rows of val.csv stand in for generated ones) and their novelty against the 3,785 crystals of test.csv (standing in
 * for the training set; the full perov_5 train split is not in ../shared/data). Reading the CSVs is not timed;
 * reducing the crystals (once per crystal, reusable across runs) is timed apart from the comparisons.
 * Prints the figures and writes bench/results/structure-matcher.json.
 *
 *     npx tsx bench/structure-matcher.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Crystal } from '../src/core/crystal';
import { ingestFile } from '../src/core/ingest/ingest';
import { novelty, reduceCrystals, uniqueness } from '../src/core/metrics/uniqueness';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';
import { REPO_ROOT, SHARED_DATA } from '../src/core/testing/corpus';

const GENERATED = 1000;

function read(path: string): Crystal[] {
  return ingestFile({ name: path, bytes: readFileSync(resolve(SHARED_DATA, path)) }).flatMap((e) => (e.ok ? [e.crystal] : []));
}

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

await initMoyoNode();
const generated = read('cdvae/perov_5/val.csv').slice(0, GENERATED);
const training = read('cdvae/perov_5/test.csv');

const [reducedGenerated, reduceGeneratedMs] = timed(() => reduceCrystals(generated));
const [reducedTraining, reduceTrainingMs] = timed(() => reduceCrystals(training));
const [unique, uniquenessMs] = timed(() => uniqueness(reducedGenerated));
const [novel, noveltyMs] = timed(() => novelty(reducedGenerated, reducedTraining));
// The same call again: the first one also pays for the JIT compiling the matcher.
const [, noveltyWarmMs] = timed(() => novelty(reducedGenerated, reducedTraining));

const figures = {
  generated: generated.length,
  training: training.length,
  reduceGeneratedMs: Math.round(reduceGeneratedMs),
  reduceTrainingMs: Math.round(reduceTrainingMs),
  uniquenessMs: Math.round(uniquenessMs),
  noveltyMs: Math.round(noveltyMs),
  noveltyWarmMs: Math.round(noveltyWarmMs),
  unique: unique.unique.length,
  novel: novel.novel.length,
};
console.log(`perov_5: ${generated.length} generated (val), ${training.length} training (test)`);
console.log(`  reduce (Niggli + primitive)  generated ${figures.reduceGeneratedMs} ms, training ${figures.reduceTrainingMs} ms`);
console.log(`  uniqueness                   ${figures.uniquenessMs} ms  (${figures.unique} unique)`);
console.log(`  novelty (incl. uniqueness)   ${figures.noveltyMs} ms  (${figures.novel} novel); again, warm: ${figures.noveltyWarmMs} ms`);
mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(resolve(REPO_ROOT, 'bench/results/structure-matcher.json'), JSON.stringify(figures, null, 1));
