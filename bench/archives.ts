/**
 * Hostile archives (issue 12): time and peak memory to refuse zip bombs beside a good CIF, through the importer
 * (`ingestFile`, as the crystal worker and the CLI read a dropped zip) and the Export panel's model import
 * (`readModelZip`). Each case runs in a fresh process so that its peak RSS is its own; the bomb is built in that
 * process a megabyte at a time, so the RSS before the read is the process's own floor. Prints a table and writes
 * bench/results/archives.json.
 *
 *   npm run bench:archives
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readModelZip } from '../src/core/export/archives';
import { ingestFile } from '../src/core/ingest/ingest';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';
import { CIF_CORPUS, REPO_ROOT } from '../src/core/testing/corpus';
import { type BombEntry, streamedZip } from '../src/core/testing/zip-bomb';

const MB = 1048576;
const li2o = () => new Uint8Array(readFileSync(resolve(CIF_CORPUS, 'pymatgen__Li2O.cif')));

interface Case {
  readonly what: string;
  readonly entries: () => BombEntry[];
  readonly read: 'ingest' | 'model';
}

const CASES: Record<string, Case> = {
  'bomb-1.5GB': { what: 'ingest: one 1.5 GB entry + Li2O.cif', read: 'ingest', entries: () => [{ name: 'bomb.cif', zeros: 1536 * MB }, { name: 'Li2O.cif', bytes: li2o() }] },
  'bomb-0.9GB': { what: 'ingest: one 0.9 GB entry + Li2O.cif', read: 'ingest', entries: () => [{ name: 'bomb.cif', zeros: 900 * MB }, { name: 'Li2O.cif', bytes: li2o() }] },
  'many-60MB': {
    what: 'ingest: 25 entries of 60 MB + Li2O.cif',
    read: 'ingest',
    entries: () => [{ name: 'Li2O.cif', bytes: li2o() }, ...Array.from({ length: 25 }, (_, i) => ({ name: `part${i}.cif`, zeros: 60 * MB }))],
  },
  'model-1.5GB': {
    what: 'model import: weights.bin of 1.5 GB',
    read: 'model',
    entries: () => [{ name: 'model.json', bytes: new TextEncoder().encode('{}') }, { name: 'weights.bin', zeros: 1536 * MB }],
  },
};

interface CaseResult {
  case: string;
  what: string;
  zipMB: number;
  ms: number;
  rssBeforeMB: number;
  peakRssMB: number;
  outcome: string;
}

async function runCase(name: string): Promise<CaseResult> {
  await initMoyoNode();
  const c = CASES[name]!;
  const zip = streamedZip(c.entries());
  const rssBeforeMB = process.resourceUsage().maxRSS / 1024;
  const t = performance.now();
  let outcome: string;
  if (c.read === 'ingest') {
    const entries = ingestFile({ name: 'bomb.zip', bytes: zip });
    const refused = entries.filter((e) => !e.ok);
    outcome = `${entries.length - refused.length} read; ${refused.length} refused, first: ${refused[0]?.ok === false ? refused[0].error : '-'}`;
  } else {
    try {
      readModelZip(zip);
      outcome = 'accepted';
    } catch (e) {
      outcome = `refused: ${(e as Error).message}`;
    }
  }
  const ms = performance.now() - t;
  return { case: name, what: c.what, zipMB: zip.length / MB, ms, rssBeforeMB, peakRssMB: process.resourceUsage().maxRSS / 1024, outcome };
}

const caseArg = process.argv.indexOf('--case');
if (caseArg > 0) {
  process.stdout.write(JSON.stringify(await runCase(process.argv[caseArg + 1]!)));
} else {
  const rows: CaseResult[] = [];
  for (const name of Object.keys(CASES)) {
    // tsx's loader travels in execArgv, so the child runs this same TypeScript file.
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--case', name], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`case ${name} failed:\n${child.stderr}`);
    rows.push(JSON.parse(child.stdout) as CaseResult);
  }
  console.log('case          zip MB      ms  RSS before MB  peak RSS MB  outcome');
  for (const r of rows) {
    console.log(
      `${r.case.padEnd(12)}  ${r.zipMB.toFixed(2).padStart(6)}  ${r.ms.toFixed(0).padStart(6)}  ${r.rssBeforeMB.toFixed(0).padStart(13)}  ${r.peakRssMB.toFixed(0).padStart(11)}  ${r.outcome}`,
    );
  }
  mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
  writeFileSync(resolve(REPO_ROOT, 'bench/results/archives.json'), JSON.stringify({ date: new Date().toISOString(), rows }, null, 1));
}
