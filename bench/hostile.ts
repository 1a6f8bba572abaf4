/**
 * Bounded work per input (issue 12): time and peak memory for the large P1 files that used to stall a batch, and
 * for 1,000-site supercells whose space-group search did (a lattice of one atom, rock salt 5×5×5). Each case runs in
 * a fresh process so that its peak RSS is its own, and is stopped after CASE_TIMEOUT_MS: the site merge alone (no
 * limits), then the whole read of the file as `crystens parse` does it (limits on: a refusal, or a crystal read
 * with or without its space group). Prints a table and writes bench/results/hostile.json.
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
import { elementBySymbol } from '../src/core/elements';
import { largeP1Block, latticeP1Block, rockSaltSupercellBlock } from '../src/core/testing/large-cif';

/** Each case's CIF text, by the name the table shows (all P1). */
const CASES: Record<string, () => string> = {
  'mesh 6k': () => largeP1Block('big', 6_000),
  'mesh 25k': () => largeP1Block('big', 25_000),
  'mesh 100k': () => largeP1Block('big', 100_000),
  'lattice 1k': () => latticeP1Block('lattice'),
  'NaCl 5×5×5': () => rockSaltSupercellBlock('salt', 5),
};

/** A case still running after this is reported as such: the bench itself must not stall. */
const CASE_TIMEOUT_MS = 120_000;

interface CaseResult {
  name: string;
  sites: number;
  fileMB: number;
  mergeMs: number;
  readMs: number;
  outcome: string;
  peakRssMB: number;
}

/** One case, in this process: the figures as JSON on stdout. */
async function runCase(name: string): Promise<CaseResult> {
  await initMoyoNode();
  const text = CASES[name]!();
  // The merge alone, on the block's own listed sites: what expand.ts costs without the per-block limits.
  const block = parseCif(text).blocks[0]!;
  const column = (tag: string) => block.items.get(tag)!.values.map(String);
  const [x, y, z] = ['_atom_site_fract_x', '_atom_site_fract_y', '_atom_site_fract_z'].map((tag) => column(tag).map(Number));
  const elements = column('_atom_site_type_symbol');
  const a = Number(block.items.get('_cell_length_a')!.values[0]);
  const lattice = latticeFromParameters({ a, b: a, c: a, alpha: 90, beta: 90, gamma: 90 });
  const asymmetric: AsymmetricSite[] = elements.map((element, i) => ({
    label: `${element}${i}`,
    element,
    Z: elementBySymbol(element)!.Z,
    frac: [x![i]!, y![i]!, z![i]!],
    occupancy: 1,
  }));
  const sites = asymmetric.length;
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
  return { name, sites, fileMB: bytes.length / 1e6, mergeMs, readMs, outcome, peakRssMB: process.resourceUsage().maxRSS / 1024 };
}

const caseArg = process.argv.indexOf('--case');
if (caseArg > 0) {
  process.stdout.write(JSON.stringify(await runCase(process.argv[caseArg + 1]!)));
} else {
  const rows: (CaseResult | { name: string; outcome: string })[] = [];
  for (const name of Object.keys(CASES)) {
    // tsx's loader travels in execArgv, so the child runs this same TypeScript file.
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--case', name], {
      encoding: 'utf8',
      timeout: CASE_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    if (child.signal === 'SIGKILL') rows.push({ name, outcome: `did not finish in ${CASE_TIMEOUT_MS / 1000} s` });
    else if (child.status !== 0) throw new Error(`case ${name} failed:\n${child.stderr}`);
    else rows.push(JSON.parse(child.stdout) as CaseResult);
  }
  console.log('case          sites    file MB  merge ms  read ms  peak RSS MB  outcome of the read');
  for (const r of rows) {
    const figures = 'sites' in r
      ? `${String(r.sites).padStart(7)}  ${r.fileMB.toFixed(1).padStart(7)}  ${r.mergeMs.toFixed(0).padStart(8)}  ${r.readMs.toFixed(0).padStart(7)}  ${r.peakRssMB.toFixed(0).padStart(11)}`
      : ' '.repeat(51);
    console.log(`${r.name.padEnd(12)}  ${figures}  ${r.outcome}`);
  }
  mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
  writeFileSync(resolve(REPO_ROOT, 'bench/results/hostile.json'), JSON.stringify({ rows }, null, 1));
}
