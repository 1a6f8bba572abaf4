/**
 * Uniqueness and novelty of generated crystals by pymatgen's StructureMatcher (structure-matcher.ts), as the
 * field reports them (MatterGen; DiffCSP++; ../shared/docs/evaluation.md):
 * - a generated crystal is unique when it matches no earlier generated crystal: fit(earlier, it) is false for
 *   every earlier one, duplicates included (not only against the unique ones kept so far);
 * - a unique crystal is novel when it matches no training crystal: fit(training, it) is false for all of them.
 *
 * Crystals are reduced once (primitive, Niggli) and compared only within the same fractional composition and
 * primitive site count, the two conditions under which `fit` can be true; everything else is never compared.
 */
import type { Crystal } from '../crystal';
import { CDVAE_TOLERANCES, fitReduced, reduceCrystal, type MatcherTolerances, type ReducedCrystal } from './structure-matcher';

/** A crystal that cannot be compared (no sites, no volume) is null: it is neither unique nor novel. */
export type Comparable = ReducedCrystal | null;

export interface UniquenessResult {
  /** Crystals considered (all of them, comparable or not). */
  readonly count: number;
  /** Indices of the unique crystals, ascending. */
  readonly unique: readonly number[];
  /** unique.length / count (0 for an empty set). */
  readonly share: number;
  /** Indices of crystals that could not be compared. */
  readonly incomparable: readonly number[];
}

export interface NoveltyResult {
  readonly count: number;
  readonly unique: readonly number[];
  /** Indices (into the generated set) of the unique crystals that match no training crystal, ascending. */
  readonly novel: readonly number[];
  /** novel.length / unique.length, the share of the unique ones (0 when none is unique). */
  readonly share: number;
  /** novel.length / count. */
  readonly shareOfAll: number;
}

/** Reduces each crystal once; those that cannot be compared become null. */
export function reduceCrystals(crystals: readonly Crystal[]): Comparable[] {
  return crystals.map((c) => {
    try {
      return reduceCrystal(c);
    } catch (e) {
      if (e instanceof RangeError) return null;
      throw e;
    }
  });
}

const bucketKey = (r: ReducedCrystal) => `${r.siteCount}|${r.compositionKey}`;

function buckets(crystals: readonly Comparable[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  crystals.forEach((r, i) => {
    if (!r) return;
    const key = bucketKey(r);
    const list = out.get(key);
    if (list) list.push(i);
    else out.set(key, [i]);
  });
  return out;
}

export function uniqueness(generated: readonly Comparable[], tol: MatcherTolerances = CDVAE_TOLERANCES): UniquenessResult {
  const unique: number[] = [];
  const incomparable: number[] = [];
  generated.forEach((r, i) => r === null && incomparable.push(i));
  for (const members of buckets(generated).values()) {
    members.forEach((i, position) => {
      const earlier = members.slice(0, position);
      if (!earlier.some((j) => fitReduced(generated[j]!, generated[i]!, tol))) unique.push(i);
    });
  }
  unique.sort((x, y) => x - y);
  return { count: generated.length, unique, share: generated.length ? unique.length / generated.length : 0, incomparable };
}

/**
 * @param generated reduced generated crystals (reduceCrystals)
 * @param training reduced training crystals; reduce them once and reuse them across runs
 */
export function novelty(
  generated: readonly Comparable[],
  training: readonly Comparable[],
  tol: MatcherTolerances = CDVAE_TOLERANCES,
): NoveltyResult {
  const { unique } = uniqueness(generated, tol);
  const known = buckets(training);
  const novel = unique.filter((i) => {
    const r = generated[i]!;
    return !(known.get(bucketKey(r)) ?? []).some((t) => fitReduced(training[t]!, r, tol));
  });
  return {
    count: generated.length,
    unique,
    novel,
    share: unique.length ? novel.length / unique.length : 0,
    shareOfAll: generated.length ? novel.length / generated.length : 0,
  };
}
