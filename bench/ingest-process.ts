/**
 * Ingest as a researcher runs it, whole processes with their start-up: `crystens parse` (the bundled CLI, its
 * JSON written to /dev/null) against pymatgen and against gemmi + spglib doing the same work (read each CIF,
 * expand it to the full cell, find its space group at 0.01 Å; bench/reference_ingest.py --only) on the ~6k CIFs
 * of CDVAE's perov_5 and carbon_24 validation splits. The three run in turn, round after round, so that they
 * share the machine's load; each run's wall time and CPU time (user + system, GNU time) are taken. Prints the
 * medians and the ratios reference / ours; writes bench/results/ingest-process.json.
 *
 *   npm run bench:ingest-process [-- --rounds 3]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DATASETS, REPO_ROOT } from '../src/core/testing/corpus';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const rounds = Number(arg('rounds', '3'));
const CSVS = [DATASETS.perov5, DATASETS.carbon24];
const GNU_TIME = '/usr/bin/time';
const PYTHON = '/usr/bin/python3';
const cpuFile = join(tmpdir(), `ingest-process-${process.pid}.txt`);

const TOOLS: Record<string, string[]> = {
  crystens: [process.execPath, resolve(REPO_ROOT, 'bin/crystens.mjs'), 'parse', ...CSVS, '--json'],
  pymatgen: [PYTHON, resolve(REPO_ROOT, 'bench/reference_ingest.py'), '--only', 'pymatgen', '0', ...CSVS],
  gemmi_spglib: [PYTHON, resolve(REPO_ROOT, 'bench/reference_ingest.py'), '--only', 'gemmi_spglib', '0', ...CSVS],
};

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

function timeRun(argv: string[]): Timing {
  const started = performance.now();
  const run = spawnSync(GNU_TIME, ['-o', cpuFile, '-f', '%U %S', ...argv], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${argv.slice(0, 3).join(' ')} … exited ${run.status}: ${run.stderr.slice(-2000)}`);
  const [user, system] = readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wall, cpu: user! + system! };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// The CLI's bundle is built once before timing (a first run after a source change rebuilds it).
timeRun([process.execPath, resolve(REPO_ROOT, 'bin/crystens.mjs'), '--help']);
const timings: Record<string, Timing[]> = Object.fromEntries(Object.keys(TOOLS).map((k) => [k, []]));
for (let round = 0; round < rounds; round++) {
  for (const [tool, argv] of Object.entries(TOOLS)) timings[tool]!.push(timeRun(argv));
}
rmSync(cpuFile, { force: true });

const summary = Object.fromEntries(
  Object.entries(timings).map(([tool, runs]) => [tool, { wall_s: median(runs.map((r) => r.wall)), cpu_s: median(runs.map((r) => r.cpu)) }]),
);
const ours = summary.crystens!;
console.log(`ingest, whole processes: ${CSVS.map((p) => p.split('/').slice(-2).join('/')).join(' + ')}, median of ${rounds} rounds`);
console.log('tool            wall s   CPU s   wall ÷ ours   CPU ÷ ours');
for (const [tool, s] of Object.entries(summary)) {
  console.log(`${tool.padEnd(14)} ${s.wall_s.toFixed(2).padStart(7)} ${s.cpu_s.toFixed(2).padStart(7)} ${(s.wall_s / ours.wall_s).toFixed(2).padStart(12)} ${(s.cpu_s / ours.cpu_s).toFixed(2).padStart(12)}`);
}
console.log('(targets: pymatgen ≥ 3× and gemmi + spglib ≥ 1× the time of crystens parse)');
mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(resolve(REPO_ROOT, 'bench/results/ingest-process.json'), JSON.stringify({ date: new Date().toISOString(), rounds, csvs: CSVS, summary, timings }, null, 1));
