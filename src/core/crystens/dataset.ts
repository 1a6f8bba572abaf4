/**
 * A dataset holds crystals compactly (sites and lattices in typed arrays, not 16k floats each) and encodes
 * batches on demand, so that tens of thousands fit in a browser tab. Its normalisation travels with it.
 */
import { type Crystal, formula, type Site } from '../crystal';
import { elementByZ } from '../elements';
import { latticeFromParameters } from '../lattice';
import { canonicalOrder, encodeCrystal, unencodableReason } from './encode';
import { ENTRIES, type Normalization, normalizationFor } from './layout';

export interface DatasetEntry {
  readonly source: string;
  readonly formula: string;
  readonly nsites: number;
}

export interface CrystalDataset {
  readonly normalization: Normalization;
  readonly entries: readonly DatasetEntry[];
  /** Sites of crystal i are siteOffsets[i] .. siteOffsets[i + 1] − 1, in canonical (Z, x, y, z) order. */
  readonly siteOffsets: Uint32Array;
  readonly atomicNumbers: Uint8Array;
  readonly fractional: Float64Array;
  /** a, b, c, α, β, γ per crystal. */
  readonly lattices: Float64Array;
  readonly spaceGroups: Uint8Array;
}

export interface Skipped {
  readonly source: string;
  readonly reason: string;
}

/** A dataset with the crystals left out of it and why: what a training session is handed. */
export interface BuiltDataset {
  readonly dataset: CrystalDataset;
  readonly skipped: readonly Skipped[];
}

/**
 * Builds a dataset from crystals; those a CrysTens cannot hold are skipped with their reason. Without
 * `normalization` the bounds come from the crystals; with one (a model's), those beyond it are skipped too.
 */
export function buildDataset(crystals: readonly Crystal[], normalization?: Normalization): BuiltDataset {
  const skipped: Skipped[] = [];
  const kept = crystals.filter((c) => {
    const reason = unencodableReason(c);
    if (reason) skipped.push({ source: c.source, reason });
    return !reason;
  });
  const { siteOffsets, atomicNumbers, fractional, lattices, spaceGroups } = datasetArrays(kept.length, kept.reduce((s, c) => s + c.sites.length, 0));
  let site = 0;
  kept.forEach((c, i) => {
    siteOffsets[i] = site;
    for (const s of canonicalOrder(c.sites)) {
      atomicNumbers[site] = s.Z;
      fractional.set(s.frac, 3 * site);
      site++;
    }
    const { a, b, c: cc, alpha, beta, gamma } = c.lattice;
    lattices.set([a, b, cc, alpha, beta, gamma], 6 * i);
    spaceGroups[i] = c.spaceGroup.detected!;
  });
  siteOffsets[kept.length] = site;
  const entries = kept.map((c) => ({ source: c.source, formula: formula(c), nsites: c.sites.length }));
  const own = normalizationFor(kept.reduce((m, c) => Math.max(m, c.lattice.a, c.lattice.b, c.lattice.c), 1));
  const dataset = { normalization: own, entries, siteOffsets, atomicNumbers, fractional, lattices, spaceGroups };
  if (!normalization) return { dataset, skipped };
  const fitted = fitDataset(dataset, normalization);
  return { dataset: fitted.dataset, skipped: [...skipped, ...fitted.skipped] };
}

/** A dataset's arrays, empty, for `crystals` crystals of `sites` sites in all. */
function datasetArrays(crystals: number, sites: number) {
  return {
    siteOffsets: new Uint32Array(crystals + 1),
    atomicNumbers: new Uint8Array(sites),
    fractional: new Float64Array(3 * sites),
    lattices: new Float64Array(6 * crystals),
    spaceGroups: new Uint8Array(crystals),
  };
}

/**
 * The crystals of `d` whose lattice lengths are within the bound of `normalization` (a model's), normalised by
 * it; those beyond are skipped with their reason.
 */
export function fitDataset(d: CrystalDataset, normalization: Normalization): BuiltDataset {
  const kept: number[] = [];
  const skipped: Skipped[] = [];
  d.entries.forEach((entry, i) => {
    const longest = Math.max(d.lattices[6 * i]!, d.lattices[6 * i + 1]!, d.lattices[6 * i + 2]!);
    if (longest <= normalization.lengthBound) kept.push(i);
    else skipped.push({ source: entry.source, reason: `lattice length ${longest.toFixed(3)} Å exceeds the bound ${normalization.lengthBound} Å` });
  });
  const sites = kept.reduce((s, i) => s + d.siteOffsets[i + 1]! - d.siteOffsets[i]!, 0);
  const { siteOffsets, atomicNumbers, fractional, lattices, spaceGroups } = datasetArrays(kept.length, sites);
  let site = 0;
  kept.forEach((i, k) => {
    const [from, to] = [d.siteOffsets[i]!, d.siteOffsets[i + 1]!];
    siteOffsets[k] = site;
    atomicNumbers.set(d.atomicNumbers.subarray(from, to), site);
    fractional.set(d.fractional.subarray(3 * from, 3 * to), 3 * site);
    site += to - from;
    lattices.set(d.lattices.subarray(6 * i, 6 * i + 6), 6 * k);
    spaceGroups[k] = d.spaceGroups[i]!;
  });
  siteOffsets[kept.length] = site;
  const entries = kept.map((i) => d.entries[i]!);
  return { dataset: { normalization, entries, siteOffsets, atomicNumbers, fractional, lattices, spaceGroups }, skipped };
}

/** The buffers of the dataset's arrays, to hand it to another worker without a copy (they are detached here). */
export function datasetBuffers(d: CrystalDataset): ArrayBuffer[] {
  return [d.siteOffsets, d.atomicNumbers, d.fractional, d.lattices, d.spaceGroups].map((a) => a.buffer as ArrayBuffer);
}

/** Crystal i, rebuilt from the compact arrays. */
export function crystalAt(d: CrystalDataset, i: number): Crystal {
  const [a, b, c, alpha, beta, gamma] = d.lattices.subarray(6 * i, 6 * i + 6) as unknown as number[];
  const sites: Site[] = [];
  for (let s = d.siteOffsets[i]!; s < d.siteOffsets[i + 1]!; s++) {
    const Z = d.atomicNumbers[s]!;
    const symbol = elementByZ(Z)!.symbol;
    sites.push({ element: symbol, Z, frac: [d.fractional[3 * s]!, d.fractional[3 * s + 1]!, d.fractional[3 * s + 2]!], occupancy: 1, label: `${symbol}${s - d.siteOffsets[i]! + 1}` });
  }
  return {
    source: d.entries[i]!.source,
    lattice: latticeFromParameters({ a: a!, b: b!, c: c!, alpha: alpha!, beta: beta!, gamma: gamma! }),
    sites,
    spaceGroup: { detected: d.spaceGroups[i]! },
    warnings: [],
  };
}

/** Encodes crystals `indices` into one [indices.length, 64, 64, 4] array (reusing `out` when given). */
export function encodeBatch(d: CrystalDataset, indices: readonly number[], out?: Float32Array): Float32Array {
  const batch = out ?? new Float32Array(indices.length * ENTRIES);
  indices.forEach((i, b) => {
    const e = encodeCrystal(crystalAt(d, i), d.normalization, batch.subarray(b * ENTRIES, (b + 1) * ENTRIES));
    if (!e.ok) throw new Error(`${d.entries[i]!.source}: ${e.reason}`); // cannot happen: buildDataset checked it
  });
  return batch;
}

/** Bytes held by the dataset's arrays (strings of the entries excluded). */
export function datasetBytes(d: CrystalDataset): number {
  return d.siteOffsets.byteLength + d.atomicNumbers.byteLength + d.fractional.byteLength + d.lattices.byteLength + d.spaceGroups.byteLength;
}
