/**
 * The composition fingerprint of CDVAE's coverage metrics: matminer's ElementProperty.from_preset("magpie")
 * (22 Magpie element properties × 6 statistics = 132 features, as matminer 0.7.3 computes them), standardised with
 * CDVAE's fixed CompScaler (cdvae/common/constants.py; NaN → 0). Tables in ./data, sources named in each file.
 */
import { composition, type Crystal } from '../crystal';
import { elementBySymbol } from '../elements';
import magpie from './data/magpie.json';
import scaler from './data/cdvae-comp-scaler.json';

export const MAGPIE_PROPERTIES: readonly string[] = magpie.properties;
export const MAGPIE_STATS: readonly string[] = magpie.stats;
export const COMPOSITION_FEATURES = MAGPIE_PROPERTIES.length * MAGPIE_STATS.length;

/** Property p of element Z at [p * 118 + Z - 1]; NaN where Magpie has no value. */
const TABLE = Float64Array.from(MAGPIE_PROPERTIES.flatMap((p) => (magpie.values as Record<string, (number | null)[]>)[p]!.map((v) => v ?? NaN)));
const ELEMENTS_IN_TABLE = TABLE.length / MAGPIE_PROPERTIES.length;
const MEANS = Float64Array.from(scaler.means);
const STDS = Float64Array.from(scaler.stds);

/** Feature labels in matminer's order: `MagpieData mean Electronegativity`. */
export function compositionFeatureLabels(): string[] {
  return MAGPIE_PROPERTIES.flatMap((p) => MAGPIE_STATS.map((s) => `MagpieData ${s} ${p}`));
}

/**
 * matminer's ElementProperty.featurize for the magpie preset, on amounts per element (any scale: the weighted
 * statistics normalise them). Per property: minimum, maximum, range (NaN when any element lacks the value), the
 * amount-weighted mean and mean absolute deviation (np.average), and the mode: the smallest value among the
 * elements whose amount is np.isclose to the largest. NaN propagates as numpy propagates it.
 */
export function magpieFeatures(amounts: Readonly<Record<string, number>>): Float64Array {
  const symbols = Object.keys(amounts);
  const Z = symbols.map((el) => elementBySymbol(el)?.Z ?? 0);
  const w = symbols.map((el) => amounts[el]!);
  const total = w.reduce((a, b) => a + b, 0);
  const wMax = Math.max(...w);
  const mostFrequent = w.map((wi) => Math.abs(wi - wMax) <= 1e-8 + 1e-5 * Math.abs(wMax));
  const out = new Float64Array(COMPOSITION_FEATURES);
  const x = new Float64Array(symbols.length);
  MAGPIE_PROPERTIES.forEach((_, p) => {
    for (let i = 0; i < x.length; i++) x[i] = Z[i]! >= 1 && Z[i]! <= ELEMENTS_IN_TABLE ? TABLE[p * ELEMENTS_IN_TABLE + Z[i]! - 1]! : NaN;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    let mode = Infinity;
    for (let i = 0; i < x.length; i++) {
      min = Math.min(min, x[i]!); // Math.min/max return NaN when any value is NaN, as matminer's guard does
      max = Math.max(max, x[i]!);
      sum += w[i]! * x[i]!;
      if (mostFrequent[i]) mode = Math.min(mode, x[i]!);
    }
    const mean = sum / total;
    let dev = 0;
    for (let i = 0; i < x.length; i++) dev += w[i]! * Math.abs(x[i]! - mean);
    out.set([min, max, max - min, mean, dev / total, mode], p * MAGPIE_STATS.length);
  });
  return out;
}

/** CDVAE's CompScaler.transform: (x − mean) / std with its fixed means and stds; NaN becomes 0. */
export function scaleCompositionFeatures(raw: Float64Array): Float64Array {
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = (raw[i]! - MEANS[i]!) / STDS[i]!;
    out[i] = Number.isNaN(v) ? 0 : v;
  }
  return out;
}

/** The scaled composition fingerprint of a crystal (amounts weighted by occupancy; site counts when ordered). */
export function compositionFingerprint(crystal: Crystal): Float64Array {
  return scaleCompositionFeatures(magpieFeatures(composition(crystal)));
}
