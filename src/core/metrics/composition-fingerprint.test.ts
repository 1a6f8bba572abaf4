import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handBuiltCrystal } from '../testing/hand-built';
import { REPO_ROOT } from '../testing/corpus';
import { COMPOSITION_FEATURES, compositionFeatureLabels, compositionFingerprint, magpieFeatures, scaleCompositionFeatures } from './composition-fingerprint';

/** goldens/composition-fingerprint.json, made by goldens/make_composition_fingerprint_goldens.py. */
interface Golden {
  labels: string[];
  cases: { source: string; amounts: Record<string, number>; raw: (number | null)[]; scaled: number[] }[];
}
const golden = JSON.parse(readFileSync(resolve(REPO_ROOT, 'goldens/composition-fingerprint.json'), 'utf8')) as Golden;

describe('composition fingerprint (Magpie ElementProperty, CDVAE CompScaler)', () => {
  it('has matminer’s 132 features in matminer’s order', () => {
    expect(COMPOSITION_FEATURES).toBe(132);
    expect(compositionFeatureLabels()).toEqual(golden.labels);
  });

  it('equals matminer’s statistics within 1e-6 per feature, NaN where matminer gives NaN', () => {
    expect(golden.cases.length).toBeGreaterThan(300);
    const misses: string[] = [];
    for (const c of golden.cases) {
      const raw = magpieFeatures(c.amounts);
      const scaled = scaleCompositionFeatures(raw);
      c.raw.forEach((want, i) => {
        const ok = want === null ? Number.isNaN(raw[i]) : Math.abs(raw[i]! - want) <= 1e-6 * Math.max(1, Math.abs(want));
        if (!ok) misses.push(`${c.source} ${golden.labels[i]}: ${raw[i]} ≠ ${want}`);
        if (!(Math.abs(scaled[i]! - c.scaled[i]!) <= 1e-6)) misses.push(`${c.source} scaled ${golden.labels[i]}: ${scaled[i]} ≠ ${c.scaled[i]}`);
      });
    }
    expect(misses).toEqual([]);
    expect(golden.cases.some((c) => c.raw.includes(null))).toBe(true); // NaN handling is exercised
  });

  it('of a crystal: its site counts, scaled', () => {
    const c = golden.cases.find((x) => x.source.startsWith('perov_5'))!;
    const sites = Object.entries(c.amounts).flatMap(([el, n]) => Array.from({ length: n }, (_, i) => [el, [i / 8, 0.3, 0.7]] as const));
    const fp = compositionFingerprint(handBuiltCrystal({ a: 4, b: 4, c: 4, alpha: 90, beta: 90, gamma: 90 }, sites));
    c.scaled.forEach((want, i) => expect(fp[i]).toBeCloseTo(want, 6));
  });
});
