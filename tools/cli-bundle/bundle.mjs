/**
 * The `crystens` command runs from a bundle of src/cli/main.ts, so that no TypeScript is compiled at start (under
 * tsx, `crystens --help` took 0.9 s against 0.3 s now: bench:cli-start). esbuild writes it under
 * node_modules/.cache/crystens/cli (ignored by git, wiped by `npm ci`) and writes it again whenever a source has
 * changed since, so a fresh clone and an edited tree run their own code with no build step.
 *
 * Packages stay outside the bundle and load from node_modules as before, which is also how the WebAssembly files
 * are found at run time: @tensorflow/tfjs-backend-wasm reads its .wasm from its own dist folder, and moyo-node.ts
 * resolves @spglib/moyo-wasm's from the bundle's place under node_modules. '@tensorflow/tfjs' alone is inlined:
 * as tools/tfjs-node/wrapper.mjs, its fast ES2017 bundle, with no loader hook to register. The bundle is split
 * into chunks, so that only train and sample load tfjs (an external import in one file would load it always).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where bundles are kept; CRYSTENS_CLI_CACHE moves it (bench:cli-start times cold starts in a folder of its own). */
export const CACHE = process.env.CRYSTENS_CLI_CACHE ?? join(ROOT, 'node_modules/.cache/crystens/cli');

/**
 * What a bundle is built from. Any change below these paths changes the stamp: an edit changes a file's mtime, an
 * added, removed or renamed file its folder's.
 */
const INPUTS = ['src', 'tools', 'package.json', 'tsconfig.json'];

/** Bundles other than the current one are removed once this old: a command started from one has long loaded it. */
const KEEP_OLD_MS = 10 * 60_000;

/** The newest modification time (ms) of the inputs under `root`, folders included. */
export function sourceStamp(root = ROOT, inputs = INPUTS) {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  for (const input of inputs) visit(join(root, input));
  return newest;
}

const pointerPath = (cache) => join(cache, 'current.json');

/** The current bundle's entry file, if it was built from sources with this stamp. */
function currentEntry(cache, stamp) {
  try {
    const pointer = JSON.parse(readFileSync(pointerPath(cache), 'utf8'));
    const entry = join(cache, pointer.dir, 'main.mjs');
    return pointer.stamp === stamp && existsSync(entry) ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** '@tensorflow/tfjs' as its ES2017 bundle (tools/tfjs-node/wrapper.mjs), the CLI's tfjs since before the bundle. */
function tfjsEs2017() {
  return {
    name: 'crystens:tfjs-es2017',
    setup(build) {
      build.onResolve({ filter: /^@tensorflow\/tfjs$/ }, () => ({ path: 'tfjs-es2017', namespace: 'crystens' }));
      build.onLoad({ filter: /.*/, namespace: 'crystens' }, async () => {
        const { wrapperSource } = await import('../tfjs-node/wrapper.mjs');
        return { contents: wrapperSource(), loader: 'js' };
      });
    },
  };
}

/**
 * Bundles src/cli/main.ts into a new folder of `cache` and makes it the current one; returns its entry file.
 * Commands started at once may each build: every build has its own folder, and the pointer to the current one
 * is replaced whole (a rename), so none reads another's half-written files.
 */
export async function buildCli(cache = CACHE, stamp = sourceStamp()) {
  const { build } = await import('esbuild');
  const dir = `${Date.now().toString(36)}-${process.pid}`;
  await build({
    // The ingest pool's worker threads load their own entry, beside main.mjs (src/cli/ingest-pool.ts).
    entryPoints: { main: join(ROOT, 'src/cli/main.ts'), 'ingest-worker': join(ROOT, 'src/cli/ingest-worker.ts') },
    outdir: join(cache, dir),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    plugins: [tfjsEs2017()],
    // Stack traces name src/…/*.ts lines, as under tsx (bin/crystens.mjs turns source maps on; no cost measured).
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  const pointer = pointerPath(cache);
  const written = `${pointer}.${process.pid}`;
  writeFileSync(written, JSON.stringify({ dir, stamp }));
  renameSync(written, pointer);
  removeOldBundles(cache, dir);
  return join(cache, dir, 'main.mjs');
}

function removeOldBundles(cache, current) {
  for (const entry of readdirSync(cache, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current) continue;
    const path = join(cache, entry.name);
    if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { recursive: true, force: true });
  }
}

/** The URL of the CLI's bundle, built first if there is none or a source has changed since. */
export async function bundledCli(cache = CACHE) {
  mkdirSync(cache, { recursive: true });
  const stamp = sourceStamp();
  return pathToFileURL(currentEntry(cache, stamp) ?? (await buildCli(cache, stamp))).href;
}
