/** Compares the reader with goldens/cif-corpus-pymatgen.json (made by goldens/make_cif_goldens.py). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composition, positionCount } from '../crystal';
import { ingestFile } from '../ingest/ingest';
import { CIF_CORPUS, REPO_ROOT } from './corpus';

interface GoldenBlock {
  block: string;
  ok: boolean;
  suspect?: string;
  composition?: Record<string, number>;
  nsites?: number;
  lattice?: Record<'a' | 'b' | 'c' | 'alpha' | 'beta' | 'gamma', number>;
  spacegroup?: number;
}

export interface GoldenFile {
  error: string | null;
  blocks: GoldenBlock[];
}

export function loadPymatgenGoldens(): Record<string, GoldenFile> {
  const golden = JSON.parse(readFileSync(resolve(REPO_ROOT, 'goldens/cif-corpus-pymatgen.json'), 'utf8')) as { files: Record<string, GoldenFile> };
  return golden.files;
}

/** Element amounts with oxidation states stripped: {"Fe2+": 4, "Fe3+": 2} → {Fe: 6}. */
function elementAmounts(c: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [species, amount] of Object.entries(c)) {
    const el = /^[A-Z][a-z]?/.exec(species)![0];
    out[el] = Math.round(((out[el] ?? 0) + amount) * 1e4) / 1e4;
  }
  return out;
}

/** One line per block where we and pymatgen differ on composition, sites, lattice or space group, or where
 *  pymatgen reads a crystal and we do not. */
export function pymatgenDisagreements(goldens: Record<string, GoldenFile>): string[] {
  const out: string[] = [];
  for (const [file, golden] of Object.entries(goldens)) {
    const entries = ingestFile({ name: file, bytes: readFileSync(resolve(CIF_CORPUS, file)) });
    for (const block of golden.blocks) {
      if (!block.ok || block.suspect) continue;
      const ours = entries.find((e) => e.source === `${file}#${block.block}`);
      const where = `${file}#${block.block}`;
      if (!ours || !ours.ok) {
        out.push(`${where}: we read no crystal (${ours && !ours.ok ? ours.error : 'no such block'})`);
        continue;
      }
      const c = ours.crystal;
      const problems: string[] = [];
      const theirs = elementAmounts(block.composition!);
      const mine = elementAmounts(composition(c));
      if (JSON.stringify(Object.entries(theirs).sort()) !== JSON.stringify(Object.entries(mine).sort())) {
        problems.push(`composition ${JSON.stringify(mine)} vs ${JSON.stringify(theirs)}`);
      }
      if (positionCount(c) !== block.nsites) problems.push(`sites ${positionCount(c)} vs ${block.nsites}`);
      for (const k of ['a', 'b', 'c', 'alpha', 'beta', 'gamma'] as const) {
        if (Math.abs(c.lattice[k] - block.lattice![k]) > 1e-4) problems.push(`${k} ${c.lattice[k]} vs ${block.lattice![k]}`);
      }
      if (block.spacegroup !== undefined && c.spaceGroup.detected !== block.spacegroup) {
        problems.push(`space group ${c.spaceGroup.detected} vs ${block.spacegroup}`);
      }
      if (problems.length > 0) out.push(`${where}: ${problems.join('; ')}`);
    }
  }
  return out;
}
