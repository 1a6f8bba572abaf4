/**
 * Reads goldens/structure-matcher-pymatgen.json (made by goldens/make_matcher_goldens.py) and builds the crystals
 * it names: dataset rows through our own importer, derived crystals from their explicit lattice and sites.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Crystal } from '../crystal';
import { elementBySymbol } from '../elements';
import { ingestFile } from '../ingest/ingest';
import { parseCsv } from '../ingest/csv';
import { latticeFromMatrix } from '../lattice';
import { REPO_ROOT, SHARED_DATA } from './corpus';

export type CrystalRef = { dataset: string; row: number } | { lattice: number[]; species: string[]; frac: number[] };

export interface PymatgenVerdict {
  fit: boolean;
  rms: number | null;
  max_dist: number | null;
}

export interface GoldenPair extends PymatgenVerdict {
  name: string;
  kind: 'match' | 'differ' | 'graded' | 'data';
  a: CrystalRef;
  b: CrystalRef;
  /** Present where pymatgen answers differently once both structures are rotated rigidly: those answers. */
  rotated?: PymatgenVerdict[];
}

export interface RowRange {
  dataset: string;
  rows: [number, number];
}

export interface MatcherGoldens {
  pymatgen: string;
  ltol: number;
  stol: number;
  angle_tol: number;
  datasets: Record<string, string>;
  pairs: GoldenPair[];
  uniqueness: (RowRange & { name: string; unique: number[] })[];
  novelty: { name: string; generated: RowRange; training: RowRange; unique: number[]; novel: number[] }[];
}

export function loadMatcherGoldens(): MatcherGoldens {
  return JSON.parse(readFileSync(resolve(REPO_ROOT, 'goldens/structure-matcher-pymatgen.json'), 'utf8')) as MatcherGoldens;
}

/**
 * The named rows of one dataset CSV, read by `ingestFile` from a CSV holding only those rows (the importer's
 * symmetry detection makes reading all 3,785 perov_5 rows for a handful of them too slow for a unit test).
 */
export function datasetRows(goldens: MatcherGoldens, dataset: string, rows: readonly number[]): Map<number, Crystal> {
  const table = parseCsv(readFileSync(resolve(SHARED_DATA, goldens.datasets[dataset]!), 'utf8'));
  const cifColumn = table.header.indexOf('cif');
  const wanted = [...new Set(rows)].sort((x, y) => x - y);
  const csv = ['cif', ...wanted.map((r) => `"${table.rows[r]![cifColumn]!.replace(/"/g, '""')}"`)].join('\n');
  const entries = ingestFile({ name: `${dataset}.csv`, bytes: new TextEncoder().encode(csv) });
  const out = new Map<number, Crystal>();
  entries.forEach((e, i) => {
    if (!e.ok) throw new Error(`${dataset} row ${wanted[i]}: ${e.error}`);
    out.set(wanted[i]!, e.crystal);
  });
  return out;
}

export function explicitCrystal(ref: { lattice: number[]; species: string[]; frac: number[] }, source: string): Crystal {
  return {
    source,
    lattice: latticeFromMatrix(ref.lattice),
    sites: ref.species.map((element, i) => ({
      element,
      Z: elementBySymbol(element)!.Z,
      frac: [ref.frac[3 * i]!, ref.frac[3 * i + 1]!, ref.frac[3 * i + 2]!] as const,
      occupancy: 1,
      label: `${element}${i}`,
    })),
    spaceGroup: {},
    warnings: [],
  };
}
