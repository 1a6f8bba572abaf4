/**
 * The 3-D view's scene build (src/ui/structure/scene-model.ts: image atoms, neighbours, bonds), which the crystal
 * worker runs for every crystal and supercell shown: LiFePO4 (28 sites) and codtools__1004001-disorder.cif (1,504
 * sites, 976 partly occupied), at 1×1×1, 2×2×2 and 3×3×3. Median of a few runs after a warm-up. With
 * `--against DIR` (another checkout, e.g. `git archive <commit> | tar -x -C DIR`, with node_modules beside it) the
 * same cases run on that tree's scene model too, for a before/after table. Then the neighbour list alone
 * (src/core/neighbours.ts) at the viewer's longest bond length, which the detailed view needs.
 * Writes bench/results/structure-view.json.
 *
 *   npm run bench:structure-view [-- --against /tmp/before]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Crystal } from '../src/core/crystal';
import { ingestFile } from '../src/core/ingest/ingest';
import { elementByZ } from '../src/core/elements';
import { neighbourList } from '../src/core/neighbours';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';
import { REPO_ROOT } from '../src/core/testing/corpus';

const CORPUS = resolve(REPO_ROOT, '../shared/data/cif-corpus');
const FILES = ['pymatgen__LiFePO4.cif', 'codtools__1004001-disorder.cif'];
const REPEATS = [1, 2, 3] as const;
/** Runs per case after the warm-up; fewer for a case slower than a second. */
const RUNS = 5;

/** What both trees' sceneModel return, as far as the table needs (atoms: an array before, typed arrays after). */
interface AnyModel {
  readonly atoms: { readonly count: number } | { readonly length: number };
  readonly bonds: readonly unknown[];
  readonly simplified?: boolean;
}
type SceneModelFn = (crystal: Crystal, supercell: readonly [number, number, number]) => AnyModel;

interface Row {
  readonly tree: string;
  readonly file: string;
  readonly sites: number;
  readonly supercell: string;
  readonly atoms: number;
  readonly bonds: number;
  readonly simplified: boolean;
  readonly medianMs: number;
}

function read(name: string): Crystal {
  const [entry] = ingestFile({ name, bytes: new Uint8Array(readFileSync(resolve(CORPUS, name))) });
  if (!entry?.ok) throw new Error(`${name} was not read: ${entry && !entry.ok ? entry.error : 'no entry'}`);
  return entry.crystal;
}

function measure(tree: string, sceneModel: SceneModelFn, crystals: Map<string, Crystal>): Row[] {
  const rows: Row[] = [];
  for (const [file, crystal] of crystals) {
    for (const n of REPEATS) {
      let model: AnyModel;
      try {
        const t = performance.now();
        model = sceneModel(crystal, [n, n, n]); // warm-up, and the first figure
        const first = performance.now() - t;
        const times = [first];
        for (let r = 1; r < (first > 1000 ? 2 : RUNS); r++) {
          const s = performance.now();
          sceneModel(crystal, [n, n, n]);
          times.push(performance.now() - s);
        }
        times.sort((a, b) => a - b);
        const atoms = 'count' in model.atoms ? model.atoms.count : model.atoms.length;
        rows.push({ tree, file, sites: crystal.sites.length, supercell: `${n}×${n}×${n}`, atoms, bonds: model.bonds.length, simplified: model.simplified ?? false, medianMs: times[Math.floor(times.length / 2)]! });
      } catch (error) {
        console.log(`${tree} ${file} ${n}×${n}×${n}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return rows;
}

async function main(): Promise<void> {
  await initMoyoNode();
  const crystals = new Map(FILES.map((f) => [f, read(f)] as const));
  const trees: [string, string][] = [['this tree', resolve(REPO_ROOT, 'src/ui/structure/scene-model.ts')]];
  const against = process.argv.indexOf('--against');
  if (against > 0) trees.unshift([`${process.argv[against + 1]}`, resolve(process.argv[against + 1]!, 'src/ui/structure/scene-model.ts')]);
  const rows: Row[] = [];
  for (const [tree, module] of trees) {
    const { sceneModel } = (await import(pathToFileURL(module).href)) as { sceneModel: SceneModelFn };
    rows.push(...measure(tree, sceneModel, crystals));
  }
  console.log('tree                  file                              sites  supercell   atoms   bonds  simplified   median ms');
  for (const r of rows) {
    console.log(
      `${r.tree.slice(-20).padEnd(20)}  ${r.file.padEnd(32)} ${String(r.sites).padStart(6)}  ${r.supercell.padEnd(9)} ${String(r.atoms).padStart(7)} ${String(r.bonds).padStart(7)}  ${String(r.simplified).padEnd(10)} ${r.medianMs.toFixed(1).padStart(11)}`,
    );
  }
  const neighbours = [...crystals].map(([file, crystal]) => {
    const frac = Float64Array.from(crystal.sites.flatMap((s) => s.frac));
    const cutoff = 2 * 1.15 * Math.max(...crystal.sites.map((s) => elementByZ(s.Z)!.covalentRadius));
    neighbourList(crystal.lattice.matrix, frac, cutoff);
    const times = Array.from({ length: RUNS }, () => {
      const t = performance.now();
      neighbourList(crystal.lattice.matrix, frac, cutoff);
      return performance.now() - t;
    }).sort((a, b) => a - b);
    const pairs = neighbourList(crystal.lattice.matrix, frac, cutoff).count;
    return { file, sites: crystal.sites.length, cutoff, pairs, medianMs: times[Math.floor(RUNS / 2)]! };
  });
  console.log('\nneighbour list (this tree)        sites  cutoff Å    pairs   median ms');
  for (const r of neighbours) {
    console.log(`${r.file.padEnd(32)} ${String(r.sites).padStart(6)}  ${r.cutoff.toFixed(2).padStart(8)} ${String(r.pairs).padStart(8)} ${r.medianMs.toFixed(1).padStart(11)}`);
  }
  const out = resolve(REPO_ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'structure-view.json'), `${JSON.stringify({ date: new Date().toISOString(), rows, neighbours }, null, 2)}\n`);
}

await main();
