/**
 * How long `crystens` takes to start: `crystens --help` and `crystens parse` of one CIF, wall time of the whole
 * process, run as before issue 11 (tsx compiling src/cli/main.ts at start; cold with tsx's transform cache off,
 * warm with it filled) and as now (bin/crystens.mjs on its esbuild bundle; cold = the bundle built first in an
 * empty cache folder, warm = built already). Prints the median and the fastest of each; writes
 * bench/results/cli-start.json.
 *
 *   npm run bench:cli-start [-- --runs 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CIF_CORPUS, REPO_ROOT } from '../src/core/testing/corpus';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const runs = Number(arg('runs', '5'));
const CIF = resolve(CIF_CORPUS, 'pymatgen__Li2O.cif');
const COMMANDS: Record<string, string[]> = { help: ['--help'], parse: ['parse', CIF, '--json'] };

// Everything this bench writes lies in a folder of its own under node_modules, where bare package names resolve
// as from the repository: the bundle's cold starts build there, never in the cache other crystens runs use.
const benchCache = resolve(REPO_ROOT, 'node_modules/.cache/crystens', `bench-${process.pid}`);
mkdirSync(benchCache, { recursive: true });

/** The launcher bin/crystens.mjs was before the bundle: tfjs's loader hook, then tsx compiling main.ts. */
const tsxLauncher = join(benchCache, 'crystens-tsx.mjs');
writeFileSync(tsxLauncher, [
  `import ${JSON.stringify(pathToFileURL(resolve(REPO_ROOT, 'tools/tfjs-node/register.mjs')).href)};`,
  "import { register } from 'tsx/esm/api';",
  'register();',
  `const { main } = await import(${JSON.stringify(pathToFileURL(resolve(REPO_ROOT, 'src/cli/main.ts')).href)});`,
  'process.exitCode = await main(process.argv.slice(2));',
].join('\n'));

/** Seconds from spawning node to its exit. */
function timeRun(launcher: string, argv: string[], env: Record<string, string>): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [launcher, ...argv], { cwd: REPO_ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${launcher} ${argv.join(' ')} exited ${run.status}: ${run.stderr}`);
  return seconds;
}

type Way = 'tsx cold' | 'tsx warm' | 'bundle cold' | 'bundle warm';
const BIN = resolve(REPO_ROOT, 'bin/crystens.mjs');
let coldCount = 0;
const WAYS: Record<Way, (argv: string[]) => number> = {
  'tsx cold': (argv) => timeRun(tsxLauncher, argv, { TSX_DISABLE_CACHE: '1' }),
  'tsx warm': (argv) => timeRun(tsxLauncher, argv, {}),
  'bundle cold': (argv) => timeRun(BIN, argv, { CRYSTENS_CLI_CACHE: join(benchCache, `cold-${coldCount++}`) }),
  'bundle warm': (argv) => timeRun(BIN, argv, { CRYSTENS_CLI_CACHE: join(benchCache, 'warm') }),
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: { command: string; way: Way; runs: number[]; median: number; fastest: number }[] = [];
try {
  for (const [command, argv] of Object.entries(COMMANDS)) {
    // Fill tsx's transform cache and build the warm bundle before timing either.
    WAYS['tsx warm'](argv);
    WAYS['bundle warm'](argv);
    for (const [way, time] of Object.entries(WAYS) as [Way, (argv: string[]) => number][]) {
      const times = Array.from({ length: runs }, () => time(argv));
      const row = { command, way, runs: times, median: median(times), fastest: Math.min(...times) };
      rows.push(row);
      console.log(`crystens ${command.padEnd(5)} ${way.padEnd(11)}  median ${row.median.toFixed(2)} s  fastest ${row.fastest.toFixed(2)} s`);
    }
  }
} finally {
  rmSync(benchCache, { recursive: true, force: true });
}
mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(resolve(REPO_ROOT, 'bench/results/cli-start.json'), JSON.stringify({ cif: CIF, runs, rows }, null, 1));
