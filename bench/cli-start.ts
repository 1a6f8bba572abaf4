/**
 * How long `crystens` takes to start: `crystens --help` and `crystens parse` of one CIF, wall time of the whole
 * process, run as before issue 11 (tsx compiling src/cli/main.ts at start; cold with tsx's transform cache off,
 * warm with it filled) and as now (bin/crystens.mjs on its esbuild bundle; cold = the bundle built first in an
 * empty cache folder, warm = built already). Prints the median and the fastest wall time of each, and the median
 * CPU time (user + system) where GNU time is installed; writes bench/results/cli-start.json.
 *
 *   npm run bench:cli-start [-- --runs 5]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * GNU time, where there is one, gives each run's CPU seconds (user + system) too: unlike the wall time they hardly
 * move when other work shares the machine.
 */
const GNU_TIME = '/usr/bin/time';
const cpuFile = join(benchCache, 'cpu.txt');

interface Timing {
  readonly wall: number;
  readonly cpu?: number;
}

/** Wall seconds from spawning node to its exit, and its CPU seconds. */
function timeRun(launcher: string, argv: string[], env: Record<string, string>): Timing {
  const node = [process.execPath, launcher, ...argv];
  const [command, ...args] = existsSync(GNU_TIME) ? [GNU_TIME, '-o', cpuFile, '-f', '%U %S', ...node] : node;
  const started = performance.now();
  const run = spawnSync(command!, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  const wall = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${launcher} ${argv.join(' ')} exited ${run.status}: ${run.stderr}`);
  if (!existsSync(GNU_TIME)) return { wall };
  const [user, system] = readFileSync(cpuFile, 'utf8').trim().split(' ').map(Number);
  return { wall, cpu: user! + system! };
}

type Way = 'tsx cold' | 'tsx warm' | 'bundle cold' | 'bundle warm';
const BIN = resolve(REPO_ROOT, 'bin/crystens.mjs');
let coldCount = 0;
const WAYS: Record<Way, (argv: string[]) => Timing> = {
  'tsx cold': (argv) => timeRun(tsxLauncher, argv, { TSX_DISABLE_CACHE: '1' }),
  'tsx warm': (argv) => timeRun(tsxLauncher, argv, {}),
  'bundle cold': (argv) => timeRun(BIN, argv, { CRYSTENS_CLI_CACHE: join(benchCache, `cold-${coldCount++}`) }),
  'bundle warm': (argv) => timeRun(BIN, argv, { CRYSTENS_CLI_CACHE: join(benchCache, 'warm') }),
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: { command: string; way: Way; runs: Timing[]; wall: { median: number; fastest: number }; cpu?: { median: number } }[] = [];
try {
  for (const [command, argv] of Object.entries(COMMANDS)) {
    // Fill tsx's transform cache and build the warm bundle before timing either.
    WAYS['tsx warm'](argv);
    WAYS['bundle warm'](argv);
    for (const [way, time] of Object.entries(WAYS) as [Way, (argv: string[]) => Timing][]) {
      const timings = Array.from({ length: runs }, () => time(argv));
      const walls = timings.map((t) => t.wall);
      const cpus = timings.flatMap((t) => (t.cpu === undefined ? [] : [t.cpu]));
      const row = { command, way, runs: timings, wall: { median: median(walls), fastest: Math.min(...walls) }, ...(cpus.length ? { cpu: { median: median(cpus) } } : {}) };
      rows.push(row);
      const cpu = row.cpu ? `  CPU median ${row.cpu.median.toFixed(2)} s` : '';
      console.log(`crystens ${command.padEnd(5)} ${way.padEnd(11)}  wall median ${row.wall.median.toFixed(2)} s, fastest ${row.wall.fastest.toFixed(2)} s${cpu}`);
    }
  }
} finally {
  rmSync(benchCache, { recursive: true, force: true });
}
mkdirSync(resolve(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(resolve(REPO_ROOT, 'bench/results/cli-start.json'), JSON.stringify({ cif: CIF, runs, rows }, null, 1));
