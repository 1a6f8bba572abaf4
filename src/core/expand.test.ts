import { describe, expect, it } from 'vitest';
import type { Site, Vec3 } from './crystal';
import { type AsymmetricSite, expandAsymmetricUnit, OCCUPANCY_SLACK, SITE_MERGE_TOLERANCE } from './expand';
import { MAX_SITE_IMAGES, MAX_SITES_PER_BLOCK } from './input-limits';
import { type Lattice, latticeFromParameters, wrapFrac } from './lattice';
import { reciprocalLengths } from './pbc';
import { seededRandom } from './random';
import { IDENTITY, parseSymOp, type SymOp, applySymOp } from './symmetry/operation';

const UNLIMITED = { maxImages: Infinity, maxSites: Infinity };

/**
 * The merge as it was before the spatial grid, every image against every position (O(N²)) by the exact minimum
 * image, kept here as the reference the grid must agree with exactly: same sites in the same order, same warnings,
 * same errors. (Until the grid became neighbours.ts's, both took the minimum image per axis, which differs only in
 * cells thinner than twice the tolerance, such as the needle below.)
 */
function pairwiseExpansion(lattice: Lattice, asymmetric: readonly AsymmetricSite[], operations: readonly SymOp[]) {
  // Every image within the tolerance lies in the box |d_i + t_i| ≤ tolerance·|b_i| (b_i the reciprocal vectors).
  const m = lattice.matrix;
  const reach = reciprocalLengths(m).map((r) => r * SITE_MERGE_TOLERANCE);
  const close = (a: Vec3, b: Vec3) => {
    const d = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
    const range = (i: number) => {
      const out: number[] = [];
      for (let t = Math.ceil(-reach[i]! - d[i]!); t <= Math.floor(reach[i]! - d[i]!); t++) out.push(d[i]! + t);
      return out;
    };
    return range(0).some((x) => range(1).some((y) => range(2).some((z) =>
      Math.hypot(x * m[0]! + y * m[3]! + z * m[6]!, x * m[1]! + y * m[4]! + z * m[7]!, x * m[2]! + y * m[5]! + z * m[8]!) < SITE_MERGE_TOLERANCE)));
  };
  const snap = (x: number) => [1 / 3, 2 / 3, -1 / 3, -2 / 3].find((t) => Math.abs(1 - x / t) < 1e-4) ?? x;
  const positions: { frac: Vec3; sites: Site[] }[] = [];
  const coincidences = new Map<string, string>();
  for (const asym of asymmetric) {
    const start: Vec3 = operations.length > 1 ? [snap(asym.frac[0]), snap(asym.frac[1]), snap(asym.frac[2])] : asym.frac;
    const own: Vec3[] = [];
    for (const op of operations) {
      const p = applySymOp(op, start);
      const image: Vec3 = [wrapFrac(p[0]), wrapFrac(p[1]), wrapFrac(p[2])];
      if (!own.some((q) => close(q, image))) own.push(image);
    }
    for (const image of own) {
      const site: Site = { element: asym.element, Z: asym.Z, frac: image, occupancy: asym.occupancy, label: asym.label };
      const shared = positions.find((p) => close(p.frac, image));
      if (!shared) positions.push({ frac: image, sites: [site] });
      else {
        const same = shared.sites.find((s) => s.element === asym.element);
        if (same) coincidences.set(`${same.label}/${asym.label}`, `sites ${same.label} and ${asym.label} (${asym.element}) coincide; kept ${same.label}`);
        else shared.sites.push({ ...site, frac: shared.frac });
      }
    }
  }
  const sites: Site[] = [];
  for (const p of positions) {
    const total = p.sites.reduce((sum, s) => sum + s.occupancy, 0);
    if (total > 1 + OCCUPANCY_SLACK) {
      throw new RangeError(`occupancies of ${p.sites.map((s) => s.label).join(', ')} at one position sum to ${total.toFixed(3)}, more than 1`);
    }
    const scale = total > 1 ? 1 / total : 1;
    for (const s of p.sites) sites.push(scale === 1 ? s : { ...s, occupancy: s.occupancy * scale });
  }
  return { sites, warnings: [...coincidences.values()] };
}

const outcome = (f: () => unknown) => {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

const ELEMENTS = [['O', 8], ['Si', 14], ['Fe', 26]] as const;

/**
 * A few thousand listed sites built to sit on the tolerance: every other one a copy of an earlier site moved by a
 * distance drawn around 0.05 Å (either side), often across the cell's edge, some on special positions (0, ½, ⅓)
 * that the operations map onto themselves, and a random species (mixed species may share a position).
 */
function hostileSites(lattice: Lattice, count: number, seed: number, occupancy: () => number): AsymmetricSite[] {
  const random = seededRandom(seed);
  const special = [0, 0.5, 1 / 3, 2 / 3, 0.333, 1 - 1e-13];
  const [a, b, c] = [lattice.a, lattice.b, lattice.c];
  const sites: AsymmetricSite[] = [];
  for (let i = 0; i < count; i++) {
    let frac: Vec3;
    const earlier = sites[Math.floor(random() * sites.length)];
    if (earlier && random() < 0.5) {
      // A shift of up to ~1.6 tolerances split over the axes, in Å converted per axis (exact for right angles).
      const step = () => ((random() - 0.5) * 2 * SITE_MERGE_TOLERANCE * 0.9);
      frac = [earlier.frac[0] + step() / a, earlier.frac[1] + step() / b, earlier.frac[2] + step() / c];
    } else {
      const pick = () => (random() < 0.3 ? special[Math.floor(random() * special.length)]! : random());
      frac = [pick(), pick(), pick()];
    }
    const [element, Z] = ELEMENTS[Math.floor(random() * ELEMENTS.length)]!;
    sites.push({ label: `${element}${i}`, element, Z, frac, occupancy: occupancy() });
  }
  return sites;
}

const OPERATIONS = {
  P1: [IDENTITY],
  'P-1': ['x,y,z', '-x,-y,-z'].map(parseSymOp),
  P2_1c: ['x,y,z', '-x,y+1/2,-z+1/2', '-x,-y,-z', 'x,-y+1/2,z+1/2'].map(parseSymOp),
  R3: ['x,y,z', '-y,x-y,z', '-x+y,-x,z', 'x+2/3,y+1/3,z+1/3', '-y+2/3,x-y+1/3,z+1/3', '-x+y+2/3,-x+1/3,z+1/3'].map(parseSymOp),
};

/** Cells from roomy to smaller than the tolerance's neighbourhood along an axis, right-angled and oblique. */
const LATTICES: [string, Lattice][] = [
  ['cubic 9 Å', latticeFromParameters({ a: 9, b: 9, c: 9, alpha: 90, beta: 90, gamma: 90 })],
  ['triclinic', latticeFromParameters({ a: 7.1, b: 8.3, c: 5.2, alpha: 71, beta: 104, gamma: 118 })],
  ['hexagonal', latticeFromParameters({ a: 5.5, b: 5.5, c: 14, alpha: 90, beta: 90, gamma: 120 })],
  ['flat: c = 0.12 Å (one or two bins along c)', latticeFromParameters({ a: 4, b: 5, c: 0.12, alpha: 90, beta: 90, gamma: 90 })],
  ['needle: a = b = 0.08 Å, strongly oblique', latticeFromParameters({ a: 0.08, b: 0.08, c: 30, alpha: 80, beta: 95, gamma: 60 })],
];

describe('expandAsymmetricUnit: the spatial grid merges as comparing every pair did', () => {
  let seed = 1;
  for (const [cell, lattice] of LATTICES) {
    for (const [group, operations] of Object.entries(OPERATIONS)) {
      it(`${cell}, ${group}`, () => {
        const random = seededRandom(seed * 7919);
        // Occupancies below ⅓ let all three species share a position without overfilling it.
        const asymmetric = hostileSites(lattice, 3000 / operations.length, seed++, () => 0.2 + 0.13 * random());
        const grid = outcome(() => expandAsymmetricUnit(lattice, asymmetric, operations, UNLIMITED));
        const reference = outcome(() => pairwiseExpansion(lattice, asymmetric, operations));
        expect(grid).toEqual(reference);
      });
    }
  }

  it('the cases above exercise merging: coincidences, shared positions and overfull ones all occur', () => {
    const lattice = LATTICES[0]![1];
    const random = seededRandom(5);
    const ordered = expandAsymmetricUnit(lattice, hostileSites(lattice, 3000, 3, () => 0.3), OPERATIONS['P-1'], UNLIMITED);
    expect(ordered.warnings.length).toBeGreaterThan(100);
    expect(ordered.sites.length).toBeGreaterThan(new Set(ordered.sites.map((s) => s.frac)).size);
    expect(() => expandAsymmetricUnit(lattice, hostileSites(lattice, 3000, 4, () => (random() < 0.2 ? 1 : 0.3)), OPERATIONS.P1, UNLIMITED)).toThrow(
      /at one position sum to/,
    );
  });
});

describe('expandAsymmetricUnit at scale', () => {
  it('expands a 100,000-site P1 cell, keeping the first of each coinciding pair', () => {
    // 50 × 50 × 40 atoms 1 Å apart, each moved at most 0.2 Å, then 1,000 of them listed again within 0.03 Å
    // (across the cell's edge where they sit near it): the cell has 100,000 sites and 1,000 coincidences.
    const [na, nb, nc] = [50, 50, 40];
    const lattice = latticeFromParameters({ a: na, b: nb, c: nc, alpha: 90, beta: 90, gamma: 90 });
    const random = seededRandom(12);
    const jitter = (n: number) => ((random() - 0.5) * 0.4) / n;
    const asymmetric: AsymmetricSite[] = [];
    for (let i = 0; i < na; i++) {
      for (let j = 0; j < nb; j++) {
        for (let k = 0; k < nc; k++) {
          const frac: Vec3 = [wrapFrac(i / na + jitter(na)), wrapFrac(j / nb + jitter(nb)), wrapFrac(k / nc + jitter(nc))];
          asymmetric.push({ label: `C${asymmetric.length}`, element: 'C', Z: 6, frac, occupancy: 1 });
        }
      }
    }
    const repeated = Array.from({ length: 1000 }, (_, r) => asymmetric[r * 97]!);
    for (const [r, site] of repeated.entries()) {
      const shift = (x: number, n: number) => x + ((random() - 0.5) * 0.03) / n - (x > 0.99 ? 1 : 0);
      const frac: Vec3 = [shift(site.frac[0], na), shift(site.frac[1], nb), shift(site.frac[2], nc)];
      asymmetric.push({ ...site, label: `again${r}`, frac });
    }
    const { sites, warnings } = expandAsymmetricUnit(lattice, asymmetric, [IDENTITY], UNLIMITED);
    expect(sites).toHaveLength(100_000);
    expect(sites.every((s, i) => s.label === `C${i}`)).toBe(true);
    expect(warnings).toHaveLength(1000);
    expect(warnings[0]).toBe('sites C0 and again0 (C) coincide; kept C0');
  });

  it('refuses a block past the site or image limit, saying which', () => {
    const lattice = latticeFromParameters({ a: 60, b: 60, c: 60, alpha: 90, beta: 90, gamma: 90 });
    // A mesh 2 Å apart, so that no two sites merge: the limit counts sites, not listed lines.
    const mesh = Array.from({ length: 30 ** 3 }, (_, i): Vec3 => [(i % 30) / 30, (Math.floor(i / 30) % 30) / 30, Math.floor(i / 900) / 30]);
    const many = mesh.slice(0, MAX_SITES_PER_BLOCK + 1).map((frac, i) => ({ label: `O${i}`, element: 'O', Z: 8, frac, occupancy: 1 }));
    expect(() => expandAsymmetricUnit(lattice, many, [IDENTITY])).toThrow('more than 25,000 sites after symmetry expansion');
    expect(expandAsymmetricUnit(lattice, many.slice(0, MAX_SITES_PER_BLOCK), [IDENTITY]).sites).toHaveLength(MAX_SITES_PER_BLOCK);
    const operations = Array.from({ length: MAX_SITE_IMAGES / 10 + 1 }, () => IDENTITY);
    expect(() => expandAsymmetricUnit(lattice, many.slice(0, 10), operations)).toThrow(
      '10 listed sites × 100,001 symmetry operations make 1,000,010 images to place, more than the 1,000,000 one block may ask for',
    );
  });
});
