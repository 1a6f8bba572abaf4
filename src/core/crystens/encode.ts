/** Crystal → CrysTens (spec §1–§3). */
import type { Crystal, Site } from '../crystal';
import { ENTRIES, atomRow, entryIndex, HEADER, LAYERS, MAX_ATOMS, norm, type Normalization, Slot } from './layout';

export type Encoding = { readonly ok: true; readonly tensor: Float32Array } | { readonly ok: false; readonly reason: string };

/** Why a crystal cannot be encoded, or undefined when it can. */
export function unencodableReason(crystal: Crystal): string | undefined {
  if (crystal.sites.length > MAX_ATOMS) return `${crystal.sites.length} sites: a CrysTens holds at most ${MAX_ATOMS}`;
  const partial = crystal.sites.filter((s) => s.occupancy < 1);
  if (partial.length > 0) return `partial occupancy at ${partial.length} sites (${partial.slice(0, 3).map((s) => s.label).join(', ')}…): a CrysTens holds one species per site`;
  if (crystal.spaceGroup.detected === undefined) return 'no detected space group';
  return undefined;
}

/** Sites sorted by (Z, x, y, z), so that one crystal has one tensor (spec §2, a departure from file order). */
export function canonicalOrder(sites: readonly Site[]): Site[] {
  return [...sites].sort((p, q) => p.Z - q.Z || p.frac[0] - q.frac[0] || p.frac[1] - q.frac[1] || p.frac[2] - q.frac[2]);
}

export function encodeCrystal(crystal: Crystal, n: Normalization, into?: Float32Array): Encoding {
  const reason = unencodableReason(crystal);
  if (reason) return { ok: false, reason };
  const { lattice } = crystal;
  for (const length of [lattice.a, lattice.b, lattice.c]) {
    if (length > n.lengthBound) return { ok: false, reason: `lattice length ${length.toFixed(3)} Å exceeds the dataset's bound ${n.lengthBound} Å` };
  }
  const T = into ?? new Float32Array(ENTRIES);
  if (into) T.fill(0);
  const sites = canonicalOrder(crystal.sites);
  const header = new Float64Array(HEADER);
  header[Slot.A] = norm.length(lattice.a, n);
  header[Slot.B] = norm.length(lattice.b, n);
  header[Slot.C] = norm.length(lattice.c, n);
  header[Slot.ALPHA] = norm.angle(lattice.alpha);
  header[Slot.BETA] = norm.angle(lattice.beta);
  header[Slot.GAMMA] = norm.angle(lattice.gamma);
  header[Slot.SPACE_GROUP] = norm.spaceGroup(crystal.spaceGroup.detected!);
  header[Slot.MASK] = 1;
  sites.forEach((site, s) => {
    header[Slot.Z] = norm.Z(site.Z);
    header[Slot.X] = norm.coordinate(site.frac[0]);
    header[Slot.Y] = norm.coordinate(site.frac[1]);
    header[Slot.Z_COORD] = norm.coordinate(site.frac[2]);
    const r = atomRow(s);
    for (let h = 0; h < HEADER; h++) {
      for (let k = 0; k < LAYERS; k++) {
        T[entryIndex(h, r, k)] = header[h]!;
        T[entryIndex(r, h, k)] = header[h]!;
      }
    }
    sites.forEach((other, t) => {
      const dx = site.frac[0] - other.frac[0];
      const dy = site.frac[1] - other.frac[1];
      const dz = site.frac[2] - other.frac[2];
      const base = entryIndex(r, atomRow(t), 0);
      T[base] = norm.distance(Math.hypot(dx, dy, dz));
      T[base + 1] = norm.delta(dx);
      T[base + 2] = norm.delta(dy);
      T[base + 3] = norm.delta(dz);
    });
  });
  return { ok: true, tensor: T };
}
