/**
 * Sizes a training set has, to mark a generated crystal of a size it never has: a one-atom cell from a model trained
 * on five-atom perovskites is junk however valid it is (CDVAE's validity passes a one-atom cell; only the site-count
 * EMD and coverage catch it in aggregate, and this says it per crystal).
 */
import type { Crystal } from '../crystal';

export function siteCountsOf(crystals: readonly Crystal[]): ReadonlySet<number> {
  return new Set(crystals.map((c) => c.sites.length));
}

/** Why `crystal`'s size is foreign to a set with `known` sizes, or undefined when the set has crystals its size. */
export function foreignSize(crystal: Crystal, known: ReadonlySet<number>): string | undefined {
  const n = crystal.sites.length;
  if (known.size === 0 || known.has(n)) return undefined;
  const sizes = [...known].sort((x, y) => x - y);
  const listed = sizes.length > 4 ? `${sizes[0]}–${sizes.at(-1)}` : sizes.join(', ');
  return `${n} site${n === 1 ? '' : 's'}, where the training crystals have ${listed}`;
}
