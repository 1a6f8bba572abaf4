/**
 * Ingest throughput: parse + symmetry expansion + space-group detection (0.01 Å) per CIF, on the CDVAE perov_5
 * and carbon_24 and the MP-40 CSVs, against pymatgen and gemmi + spglib doing the same work in the same run
 * (bench/reference_ingest.py). Prints a table and writes bench/results/ingest.json.
 *
 *   npm run bench:ingest [-- --n 1000]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readCif } from '../src/core/cif/read';
import { parseCsv } from '../src/core/ingest/csv';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';
import { DATASETS, REPO_ROOT } from '../src/core/testing/corpus';

const nArg = process.argv.indexOf('--n');
const N = nArg > 0 ? Number(process.argv[nArg + 1]) : 1000;
const PYTHON = '/usr/bin/python3';

function cifsOf(path: string): string[] {
  const table = parseCsv(readFileSync(path, 'utf8'));
  const column = table.header.indexOf('cif');
  return table.rows.slice(0, N).map((r) => r[column]!);
}

function singleThreadMs(cifs: string[]): number {
  for (const cif of cifs.slice(0, 50)) readCif(cif, 'warm-up');
  const t = performance.now();
  for (const cif of cifs) readCif(cif, 'bench');
  return (performance.now() - t) / cifs.length;
}

/** The same work split over worker threads (one per core); worker start-up is not counted. */
async function workersMs(cifs: string[], threads: number): Promise<number> {
  const chunk = Math.ceil(cifs.length / threads);
  const workers = Array.from({ length: threads }, (_, i) =>
    // Workers do not inherit tsx's loader: register it first, then load the TypeScript worker.
    new Worker(
      `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./ingest-worker.ts', import.meta.url).href)}); })`,
      { eval: true, workerData: cifs.slice(i * chunk, (i + 1) * chunk) },
    ),
  );
  const next = (w: Worker) => new Promise<unknown>((res, rej) => { w.once('message', res); w.once('error', rej); });
  await Promise.all(workers.map(next)); // ready
  const t = performance.now();
  const runs = workers.map((w) => { const done = next(w); w.postMessage('go'); return done; });
  await Promise.all(runs);
  const ms = (performance.now() - t) / cifs.length;
  await Promise.all(workers.map((w) => w.terminate()));
  return ms;
}

interface ReferenceTimes { pymatgen_ms_per_cif: number; gemmi_spglib_ms_per_cif: number }

function referenceTimes(paths: string[]): Map<string, ReferenceTimes> {
  const out = new Map<string, ReferenceTimes>();
  if (!existsSync(PYTHON)) return out;
  try {
    const text = execFileSync(PYTHON, [resolve(REPO_ROOT, 'bench/reference_ingest.py'), String(N), ...paths], { encoding: 'utf8', maxBuffer: 1 << 24 });
    for (const line of text.trim().split('\n')) {
      const r = JSON.parse(line) as ReferenceTimes & { file: string };
      out.set(r.file, r);
    }
  } catch (e) {
    console.warn(`reference timings unavailable (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); install python3-pymatgen, python3-gemmi, python3-spglib`);
  }
  return out;
}

await initMoyoNode();
const threads = Math.max(1, Math.min(availableParallelism(), 8));
const paths = [DATASETS.perov5, DATASETS.carbon24, DATASETS.mp40];
const reference = referenceTimes(paths);
const rows = [];
for (const path of paths) {
  const cifs = cifsOf(path);
  const single = singleThreadMs(cifs);
  const parallel = await workersMs(cifs, threads);
  const ref = reference.get(path);
  rows.push({
    dataset: path.split('/').slice(-2).join('/'),
    cifs: cifs.length,
    ours_ms_per_cif: single,
    [`ours_${threads}_threads_ms_per_cif`]: parallel,
    cifs_per_second: 1000 / parallel,
    pymatgen_ms_per_cif: ref?.pymatgen_ms_per_cif ?? null,
    gemmi_spglib_ms_per_cif: ref?.gemmi_spglib_ms_per_cif ?? null,
    speedup_vs_pymatgen: ref ? ref.pymatgen_ms_per_cif / parallel : null,
    speedup_vs_gemmi_spglib: ref ? ref.gemmi_spglib_ms_per_cif / parallel : null,
    single_thread_speedup_vs_pymatgen: ref ? ref.pymatgen_ms_per_cif / single : null,
    single_thread_speedup_vs_gemmi_spglib: ref ? ref.gemmi_spglib_ms_per_cif / single : null,
  });
}
const f = (x: unknown) => (typeof x === 'number' ? x.toFixed(x < 10 ? 3 : 0) : String(x));
console.log(`ingest: parse + expand + space group (0.01 Å), first ${N} CIFs of each CSV; ${threads} worker threads`);
console.log('dataset                    ours 1T   ours NT  CIF/s   pymatgen  gemmi+spglib  ×pymatgen  ×gemmi');
for (const r of rows) {
  const par = r[`ours_${threads}_threads_ms_per_cif`];
  console.log(
    `${r.dataset.padEnd(26)} ${f(r.ours_ms_per_cif).padStart(7)}  ${f(par).padStart(7)}  ${f(r.cifs_per_second).padStart(6)}   ${f(r.pymatgen_ms_per_cif).padStart(7)}  ${f(r.gemmi_spglib_ms_per_cif).padStart(11)}   ${f(r.speedup_vs_pymatgen).padStart(8)}  ${f(r.speedup_vs_gemmi_spglib).padStart(6)}`,
  );
}
console.log('(ms per CIF; targets: ≥ 3× pymatgen and ≥ 1× gemmi + spglib)');
mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(resolve(REPO_ROOT, 'bench/results/ingest.json'), JSON.stringify({ n: N, threads, rows }, null, 1));
