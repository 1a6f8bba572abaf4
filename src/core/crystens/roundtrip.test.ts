/**
 * Round trip (issue: every crystal of up to 52 sites in the corpus and the perov_5, carbon_24 and MP-40 files
 * encodes and decodes, without clustering, to itself: same elements, sites within 1e-4 fractional, lattice
 * within 1e-4).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Crystal } from '../crystal';
import { ingestFile } from '../ingest/ingest';
import { initMoyoNode } from '../symmetry/moyo-node';
import { CIF_CORPUS, DATASETS } from '../testing/corpus';
import { canonicalOrder, encodeCrystal, unencodableReason } from './encode';
import { normalizationFor } from './layout';
import { reconstruct } from './reconstruct';

function crystalsOf(paths: string[]): Crystal[] {
  return paths.flatMap((path) => ingestFile({ name: path, bytes: readFileSync(path) }).flatMap((e) => (e.ok ? [e.crystal] : [])));
}

/** Largest difference between the two crystals, or a reason they cannot be compared. */
function mismatch(original: Crystal, back: Crystal): string | undefined {
  const p = canonicalOrder(original.sites);
  const q = back.sites;
  if (p.length !== q.length) return `${q.length} sites back for ${p.length}`;
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.element !== q[i]!.element) return `site ${i}: ${q[i]!.element} back for ${p[i]!.element}`;
    for (let d = 0; d < 3; d++) {
      const diff = Math.abs(p[i]!.frac[d]! - q[i]!.frac[d]!);
      if (Math.min(diff, 1 - diff) > 1e-4) return `site ${i} coordinate ${d}: ${q[i]!.frac[d]} back for ${p[i]!.frac[d]}`;
    }
  }
  for (const k of ['a', 'b', 'c', 'alpha', 'beta', 'gamma'] as const) {
    if (Math.abs(original.lattice[k] - back.lattice[k]) > 1e-4) return `${k}: ${back.lattice[k]} back for ${original.lattice[k]}`;
  }
  if (back.spaceGroup.predicted !== original.spaceGroup.detected) return `space group ${back.spaceGroup.predicted} back for ${original.spaceGroup.detected}`;
  return undefined;
}

describe('CrysTens round trip', () => {
  beforeAll(initMoyoNode);

  const sets = {
    'the CIF corpus': () => crystalsOf(readdirSync(CIF_CORPUS).filter((f) => /\.m?cif$/.test(f)).map((f) => resolve(CIF_CORPUS, f))),
    perov_5: () => crystalsOf([DATASETS.perov5]),
    carbon_24: () => crystalsOf([DATASETS.carbon24]),
    'MP-40': () => crystalsOf([DATASETS.mp40]),
  };

  it.each(Object.keys(sets))('%s: every encodable crystal decodes to itself', (name) => {
    const crystals = sets[name as keyof typeof sets]().filter((c) => unencodableReason(c) === undefined);
    expect(crystals.length).toBeGreaterThan(10);
    const n = normalizationFor(Math.max(...crystals.flatMap((c) => [c.lattice.a, c.lattice.b, c.lattice.c])));
    const failures: string[] = [];
    for (const crystal of crystals) {
      const encoded = encodeCrystal(crystal, n);
      if (!encoded.ok) {
        failures.push(`${crystal.source}: ${encoded.reason}`);
        continue;
      }
      const back = reconstruct(encoded.tensor, n, { kAtoms: 'none', kCoords: 'none' });
      const problem = back.ok ? mismatch(crystal, back.crystal) : back.reason;
      if (problem) failures.push(`${crystal.source}: ${problem}`);
    }
    expect(failures).toEqual([]);
  });
});
