/**
 * The CDVAE-style metrics of src/core/metrics written in this package (validity, composition fingerprint,
 * coverage, property distances) on real data: validity shares of perov_5, carbon_24 and mp_40 test, and the time
 * for 1,000 "generated" (perov_5 val) against 3,785 reference (perov_5 test) crystals. Single thread. The coverage
 * timing uses the real scaled Magpie fingerprints for composition and, standing in for the CrystalNN structure
 * fingerprint (another module), their first 61 values: real, clustered rows of the same length.
 * Prints a table and writes bench/results/cdvae-metrics.json.
 *
 *   npx tsx bench/cdvae-metrics.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compositionFingerprint } from '../src/core/metrics/composition-fingerprint';
import { COVERAGE_CUTOFFS, coverage } from '../src/core/metrics/coverage';
import { propertyDistances } from '../src/core/metrics/property-distances';
import { firstCrystals } from '../src/core/metrics/shared-rows';
import { isCompositionallyValid, isStructurallyValid } from '../src/core/metrics/validity';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';
import { REPO_ROOT } from '../src/core/testing/corpus';

function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const out = f();
  return [out, performance.now() - t];
}

await initMoyoNode();
const results: Record<string, unknown> = {};
for (const [name, path] of [['perov_5 test', 'cdvae/perov_5/test.csv'], ['carbon_24 test', 'cdvae/carbon_24/test.csv'], ['mp_40 test', 'chemeleon_mp_40/test.csv']] as const) {
  const crystals = firstCrystals(path);
  const [structural, structuralMs] = timed(() => crystals.filter(isStructurallyValid).length);
  const [compositional, compositionalMs] = timed(() => crystals.filter(isCompositionallyValid).length);
  const valid = crystals.filter((c) => isStructurallyValid(c) && isCompositionallyValid(c)).length;
  const row = { n: crystals.length, structural: structural / crystals.length, compositional: compositional / crystals.length, valid: valid / crystals.length, structuralMs, compositionalMs };
  results[name] = row;
  console.log(`${name.padEnd(15)} n ${row.n}  structural ${(100 * row.structural).toFixed(1)} %  compositional ${(100 * row.compositional).toFixed(1)} %  valid ${(100 * row.valid).toFixed(1)} %  (${structuralMs.toFixed(0)} + ${compositionalMs.toFixed(0)} ms)`);
}

const generated = firstCrystals('cdvae/perov_5/val.csv', 1000);
const reference = firstCrystals('cdvae/perov_5/test.csv');
const [fingerprints, fingerprintMs] = timed(() => [...generated, ...reference].map(compositionFingerprint));
const rows = fingerprints.map((c) => ({ structure: c.slice(0, 61), composition: c }));
const [, coverageMs] = timed(() => coverage(rows.slice(0, generated.length), rows.slice(generated.length), COVERAGE_CUTOFFS.perov_5));
const [emd, emdMs] = timed(() => propertyDistances(reference, generated));
results['perov_5 1000 val vs 3785 test'] = { fingerprintMs, coverageMs, emdMs, emd };
console.log(`composition fingerprints of ${fingerprints.length} crystals ${fingerprintMs.toFixed(0)} ms; coverage ${generated.length}×${reference.length} ${coverageMs.toFixed(0)} ms; property W1 ${emdMs.toFixed(0)} ms (density ${emd.density.toFixed(4)}, elements ${emd.elements.toFixed(4)}, atoms ${emd.atoms})`);

mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(resolve(REPO_ROOT, 'bench/results/cdvae-metrics.json'), `${JSON.stringify(results, null, 1)}\n`);
