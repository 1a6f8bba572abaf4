/**
 * Bounded work per input (issue 12): time and peak memory for the large P1 files that used to stall a batch.
 * Each case runs in a fresh process so that its peak RSS is its own: the site merge alone (no limits), then the
 * whole read of the file as `crystens parse` does it (limits on: a refusal, or a crystal read with or without its
 * space group). Prints a table and writes bench/results/hostile.json.
 *
 *   npm run bench:hostile
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCif } from '../src/core/cif/syntax';
import { type AsymmetricSite, expandAsymmetricUnit } from '../src/core/expand';
import { ingestFile } from '../src/core/ingest/ingest';
import { latticeFromParameters } from '../src/core/lattice';
import { IDENTITY } from '../src/core/symmetry/operation';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';
import { REPO_ROOT } from '../src/core/testing/corpus';
import { largeP1Block } from '../src/core/testing/large-cif';

const SITE_COUNTS = [6_000, 25_000, 100_000];

interface CaseResult {
  sites: number;
  fileMB: number;
  mergeMs: number;
  readMs: number;
  outcome: string;
  peakRssMB: number;
}

/** One case, in this process: the figures as JSON on stdout. */
async function runCase(sites: number): Promise<CaseResult> {
  await initMoyoNode();
  const text = largeP1Block('big', sites);
  // The merge alone, on the block's own listed sites: what expand.ts costs without the per-block limits.
  const block = parseCif(text).blocks[0]!;
  const column = (tag: string) => block.items.get(tag)!.values.map(Number);
  const [x, y, z] = [column('_atom_site_fract_x'), column('_atom_site_fract_y'), column('_atom_site_fract_z')];
  const a = Number(block.items.get('_cell_length_a')!.values[0]);
  const lattice = latticeFromParameters({ a, b: a, c: a, alpha: 90, beta: 90, gamma: 90 });
  const asymmetric: AsymmetricSite[] = x.map((_, i) => ({ label: `C${i}`, element: 'C', Z: 6, frac: [x[i]!, y[i]!, z[i]!], occupancy: 1 }));
  let t = performance.now();
  const merged = expandAsymmetricUnit(lattice, asymmetric, [IDENTITY], { maxImages: Infinity, maxSites: Infinity });
  const mergeMs = performance.now() - t;
  if (merged.sites.length !== sites) throw new Error(`merged ${merged.sites.length} sites, expected ${sites}`);

  const bytes = new TextEncoder().encode(text);
  t = performance.now();
  const [entry] = ingestFile({ name: 'big.cif', bytes });
  const readMs = performance.now() - t;
  const outcome = !entry
    ? 'no entry'
    : entry.ok
      ? `read, ${entry.crystal.sites.length} sites, space group ${entry.crystal.spaceGroup.detected ?? 'not detected'}`
      : `refused: ${entry.error}`;
  return { sites, fileMB: bytes.length / 1e6, mergeMs, readMs, outcome, peakRssMB: process.resourceUsage().maxRSS / 1024 };
}

const caseArg = process.argv.indexOf('--case');
if (caseArg > 0) {
  process.stdout.write(JSON.stringify(await runCase(Number(process.argv[caseArg + 1]))));
} else {
  const rows: CaseResult[] = [];
  for (const sites of SITE_COUNTS) {
    // tsx's loader travels in execArgv, so the child runs this same TypeScript file.
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--case', String(sites)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`case ${sites} failed:\n${child.stderr}`);
    rows.push(JSON.parse(child.stdout) as CaseResult);
  }
  console.log('sites    file MB  merge ms  read ms  peak RSS MB  outcome of the read');
  for (const r of rows) {
    console.log(
      `${String(r.sites).padStart(7)}  ${r.fileMB.toFixed(1).padStart(7)}  ${r.mergeMs.toFixed(0).padStart(8)}  ${r.readMs.toFixed(0).padStart(7)}  ${r.peakRssMB.toFixed(0).padStart(11)}  ${r.outcome}`,
    );
  }
  mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
  writeFileSync(resolve(REPO_ROOT, 'bench/results/hostile.json'), JSON.stringify({ rows }, null, 1));
}
