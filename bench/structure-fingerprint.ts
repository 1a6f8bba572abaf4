/**
 * Structure-fingerprint speed (CDVAE's CrystalNN "ops" fingerprint, mean over sites): the 4,785 perov_5 crystals of
 * the benchmark (3,785 test + 1,000 val), then the carbon_24 and mp_40 test CSVs, single-threaded, reading
 * excluded. CrystalNN and the order parameters are timed apart. Prints a table and writes
 * bench/results/structure-fingerprint.json.
 *
 *   npx tsx bench/structure-fingerprint.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CrystalNNError, crystalNNSites, type CrystalNNSite } from '../src/core/metrics/crystal-nn';
import { meanSiteFingerprint } from '../src/core/metrics/structure-fingerprint';
import { firstCrystals } from '../src/core/metrics/shared-rows';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';
import { REPO_ROOT } from '../src/core/testing/corpus';

const SETS: Record<string, readonly (readonly [string, number])[]> = {
  perov_5: [['cdvae/perov_5/test.csv', Infinity], ['cdvae/perov_5/val.csv', 1000]],
  carbon_24: [['cdvae/carbon_24/test.csv', Infinity]],
  mp_40: [['chemeleon_mp_40/test.csv', Infinity]],
};

interface Row {
  readonly dataset: string;
  readonly crystals: number;
  readonly sites: number;
  readonly failed: number;
  readonly crystalNNMs: number;
  readonly orderParametersMs: number;
  readonly totalMs: number;
}

async function main(): Promise<void> {
  await initMoyoNode();
  const rows: Row[] = [];
  for (const [dataset, files] of Object.entries(SETS)) {
    const crystals = files.flatMap(([path, count]) => firstCrystals(path, count));
    for (const c of crystals.slice(0, 20)) meanSiteFingerprint(crystalNNSites(c)); // warm-up
    let sites = 0;
    let failed = 0;
    const shells: CrystalNNSite[][] = [];
    const t0 = performance.now();
    for (const c of crystals) {
      sites += c.sites.length;
      try {
        shells.push(crystalNNSites(c));
      } catch (e) {
        if (!(e instanceof CrystalNNError)) throw e;
        failed++;
      }
    }
    const t1 = performance.now();
    for (const s of shells) meanSiteFingerprint(s);
    const t2 = performance.now();
    rows.push({
      dataset, crystals: crystals.length, sites, failed,
      crystalNNMs: t1 - t0, orderParametersMs: t2 - t1, totalMs: t2 - t0,
    });
  }
  console.log('dataset      crystals   sites  failed  CrystalNN ms  order params ms   total ms   ms/crystal');
  for (const r of rows) {
    console.log(
      `${r.dataset.padEnd(12)} ${String(r.crystals).padStart(8)} ${String(r.sites).padStart(7)} ${String(r.failed).padStart(7)}` +
        ` ${r.crystalNNMs.toFixed(0).padStart(13)} ${r.orderParametersMs.toFixed(0).padStart(16)}` +
        ` ${r.totalMs.toFixed(0).padStart(10)} ${(r.totalMs / r.crystals).toFixed(3).padStart(12)}`,
    );
  }
  const out = resolve(REPO_ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'structure-fingerprint.json'), JSON.stringify({ date: new Date().toISOString(), rows }, null, 1) + '\n');
}

await main();
