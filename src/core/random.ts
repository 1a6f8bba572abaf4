/** A small seeded generator (mulberry32) and Gaussian draws, so that noisy tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Box–Muller on a uniform source. */
export function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * The seed of member k of a seeded family (an epoch's shuffle, a training step's noise): the same (seed, k) always
 * gives the same seed, so that any member can be drawn without drawing the ones before it.
 */
export function deriveSeed(seed: number, k: number): number {
  return Math.floor(seededRandom((seed >>> 0) ^ Math.imul(k + 1, 0x9e3779b9))() * 4294967296);
}
