/**
 * How the Compare panel writes its numbers: metric values, K–S p-values, shares, and each compared property's
 * name and unit (spec §5 distributions).
 */
import type { Property } from '../../core/metrics/distributions';

/** Significant digits of every figure the panel shows. */
const DIGITS = 3;

/**
 * Below this a p-value is shown as "< 1e-16": about double-precision epsilon, under which the asymptotic path's
 * 1 − cdf carries no digits, and any such value rejects "same distribution" equally firmly.
 */
export const P_VALUE_FLOOR = 1e-16;

/**
 * Three significant digits in plain notation from 0.001 up to a million, without ever rounding away integer
 * digits (582.23 → "582", 6322.1 → "6322", 0.0557 → "0.0557"); scientific notation outside that range
 * (4.36e-4 → "4.36e-4"). Zero is "0"; NaN is "—".
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  // The exponent after rounding, so that 9.996 counts as 10.0 and keeps three digits.
  const [mantissa, exponentText] = x.toExponential(DIGITS - 1).split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -3 || exponent >= 6) return `${mantissa}e${exponent}`;
  return x.toFixed(Math.max(0, DIGITS - 1 - exponent));
}

/** A K–S p-value: three significant digits, and "< 1e-16" below P_VALUE_FLOOR (also for an exact 0). */
export function formatPValue(p: number): string {
  if (Number.isNaN(p)) return '—';
  return p < P_VALUE_FLOOR ? `< ${P_VALUE_FLOOR.toExponential(0)}` : formatNumber(p);
}

/** A value with its unit: "0.412 Å", "1.37°" (the degree sign sits on the number), or the bare number. */
export function formatQuantity(x: number, unit: string): string {
  const value = formatNumber(x);
  if (unit === '') return value;
  return unit === '°' ? `${value}°` : `${value} ${unit}`;
}

/** A share in [0, 1] as a percentage with one decimal: 0.9815 → "98.2 %". */
export function formatPercent(share: number): string {
  return Number.isNaN(share) ? '—' : `${(share * 100).toFixed(1)} %`;
}

export interface PropertyDescription {
  /** Chart heading. */
  readonly title: string;
  /** Short name in running text. */
  readonly symbol: string;
  /** x-axis label, with the unit. */
  readonly axis: string;
  /** Unit of the values and of W₁; '' for the dimensionless space-group and atomic numbers. */
  readonly unit: string;
  /** What one value is: one per crystal, or for Z one per site (spec §5: Z pooled over sites). */
  readonly sample: 'crystals' | 'sites';
}

export const PROPERTY_DESCRIPTIONS: Readonly<Record<Property, PropertyDescription>> = {
  a: { title: 'Lattice length a', symbol: 'a', axis: 'a (Å)', unit: 'Å', sample: 'crystals' },
  b: { title: 'Lattice length b', symbol: 'b', axis: 'b (Å)', unit: 'Å', sample: 'crystals' },
  c: { title: 'Lattice length c', symbol: 'c', axis: 'c (Å)', unit: 'Å', sample: 'crystals' },
  alpha: { title: 'Lattice angle α', symbol: 'α', axis: 'α (°)', unit: '°', sample: 'crystals' },
  beta: { title: 'Lattice angle β', symbol: 'β', axis: 'β (°)', unit: '°', sample: 'crystals' },
  gamma: { title: 'Lattice angle γ', symbol: 'γ', axis: 'γ (°)', unit: '°', sample: 'crystals' },
  spaceGroup: { title: 'Space group', symbol: 'space group', axis: 'space-group number', unit: '', sample: 'crystals' },
  Z: { title: 'Atomic number', symbol: 'Z', axis: 'atomic number Z', unit: '', sample: 'sites' },
};

/** The y-axis label of a density histogram: a density per unit of x, or per integer for counted properties. */
export function densityLabel(property: Property): string {
  const { unit } = PROPERTY_DESCRIPTIONS[property];
  return unit === '' ? 'density' : `density (${unit}⁻¹)`;
}

/** A histogram bin in words: "Z = 11" for an integer bin, "a: 3.20 to 3.50 Å" otherwise. */
export function binLabel(property: Property, lo: number, hi: number, integer: boolean): string {
  const { symbol, unit } = PROPERTY_DESCRIPTIONS[property];
  if (integer) return `${symbol} = ${(lo + hi) / 2}`;
  return `${symbol}: ${formatNumber(lo)} to ${formatQuantity(hi, unit)}`;
}
