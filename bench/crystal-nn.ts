/**
 * CrystalNN speed: every site of every crystal of the perov_5, carbon_24 and mp_40 test CSVs (Voronoi cell, then
 * CrystalNN's weights), single-threaded, reading excluded. Prints wall time and this process's CPU time (the
 * fairer figure on a shared machine) and writes bench/results/crystal-nn.json.
 *
 *   npx tsx bench/crystal-nn.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CrystalNNError, crystalNNSites } from '../src/core/metrics/crystal-nn';
import { firstCrystals } from '../src/core/metrics/shared-rows';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';
import { REPO_ROOT } from '../src/core/testing/corpus';

const SETS = {
  perov_5: 'cdvae/perov_5/test.csv',
  carbon_24: 'cdvae/carbon_24/test.csv',
  mp_40: 'chemeleon_mp_40/test.csv',
} as const;

interface Row {
  readonly dataset: string;
  readonly crystals: number;
  readonly sites: number;
  readonly failed: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly cpuUsPerSite: number;
}

async function main(): Promise<void> {
  await initMoyoNode();
  const rows: Row[] = [];
  for (const [dataset, path] of Object.entries(SETS)) {
    const crystals = firstCrystals(path);
    for (const c of crystals.slice(0, 20)) crystalNNSites(c); // warm-up
    let sites = 0;
    let failed = 0;
    const t = performance.now();
    const cpu = process.cpuUsage();
    for (const c of crystals) {
      sites += c.sites.length;
      try {
        crystalNNSites(c);
      } catch (e) {
        if (!(e instanceof CrystalNNError)) throw e;
        failed++;
      }
    }
    const wallMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    rows.push({ dataset, crystals: crystals.length, sites, failed, wallMs, cpuMs, cpuUsPerSite: (1000 * cpuMs) / sites });
  }
  console.log('dataset      crystals   sites  failed    wall ms     cpu ms  cpu µs/site');
  for (const r of rows) {
    console.log(
      `${r.dataset.padEnd(12)} ${String(r.crystals).padStart(8)} ${String(r.sites).padStart(7)} ${String(r.failed).padStart(7)} ${r.wallMs.toFixed(0).padStart(10)} ${r.cpuMs.toFixed(0).padStart(10)} ${r.cpuUsPerSite.toFixed(1).padStart(12)}`,
    );
  }
  mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
  writeFileSync(resolve(REPO_ROOT, 'bench/results/crystal-nn.json'), `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`);
}

void main();
