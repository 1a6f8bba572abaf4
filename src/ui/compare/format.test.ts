import { describe, expect, it } from 'vitest';
import { METRIC_NAMES, PAPER_METRICS } from '../../core/crystens/metrics';
import { PROPERTIES } from '../../core/metrics/distributions';
import {
  binLabel, densityLabel, formatNumber, formatPercent, formatPValue, formatQuantity, PROPERTY_DESCRIPTIONS,
} from './format';

describe('formatNumber', () => {
  it('writes the paper\'s Table 1 and 2 figures with three significant digits', () => {
    const shown = Object.fromEntries(
      Object.entries(PAPER_METRICS).map(([model, m]) => [model, METRIC_NAMES.map((name) => formatNumber(m[name]))]),
    );
    expect(shown).toEqual({
      GAN: ['582', '1338', '6322', '0.0557', '0.0962', '3.84'],
      WGAN: ['31.2', '695', '3024', '0.0590', '0.0137', '2.49'],
      Diffusion: ['0.350', '0.846', '4.56', '4.36e-4', '5.51e-4', '0.473'],
    });
  });

  it('counts digits after rounding, so a carry does not add a fourth digit', () => {
    expect(formatNumber(9.996)).toBe('10.0');
    expect(formatNumber(0.0009996)).toBe('0.00100');
    expect(formatNumber(999999.6)).toBe('1.00e6');
  });

  it('switches to scientific notation below 0.001 and from a million', () => {
    expect(formatNumber(0.001)).toBe('0.00100');
    expect(formatNumber(0.000999)).toBe('9.99e-4');
    expect(formatNumber(123456)).toBe('123456');
    expect(formatNumber(1234567)).toBe('1.23e6');
    expect(formatNumber(-2.5e-7)).toBe('-2.50e-7');
  });

  it('writes zero, NaN and infinities plainly', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(NaN)).toBe('—');
    expect(formatNumber(Infinity)).toBe('∞');
  });
});

describe('formatPValue', () => {
  it('keeps three significant digits down to the floor', () => {
    expect(formatPValue(1)).toBe('1.00');
    expect(formatPValue(0.04987)).toBe('0.0499');
    expect(formatPValue(3.2e-5)).toBe('3.20e-5');
    expect(formatPValue(1e-16)).toBe('1.00e-16');
  });

  it('writes anything below 1e-16, zero included, as "< 1e-16"', () => {
    expect(formatPValue(9.9e-17)).toBe('< 1e-16');
    expect(formatPValue(1.3e-250)).toBe('< 1e-16');
    expect(formatPValue(0)).toBe('< 1e-16');
  });
});

describe('units', () => {
  it('puts the degree sign on the number and spaces other units', () => {
    expect(formatQuantity(0.4123, 'Å')).toBe('0.412 Å');
    expect(formatQuantity(1.372, '°')).toBe('1.37°');
    expect(formatQuantity(12.34, '')).toBe('12.3');
  });

  it('names every compared property with its unit on the axis', () => {
    expect(PROPERTIES.map((p) => PROPERTY_DESCRIPTIONS[p].axis)).toEqual([
      'a (Å)', 'b (Å)', 'c (Å)', 'α (°)', 'β (°)', 'γ (°)', 'space-group number', 'atomic number Z',
    ]);
    expect(PROPERTIES.map(densityLabel)).toEqual([
      'density (Å⁻¹)', 'density (Å⁻¹)', 'density (Å⁻¹)', 'density (°⁻¹)', 'density (°⁻¹)', 'density (°⁻¹)', 'density', 'density',
    ]);
    expect(PROPERTY_DESCRIPTIONS.Z.sample).toBe('sites');
  });
});

describe('formatPercent', () => {
  it('writes shares as percentages with one decimal', () => {
    expect(formatPercent(0.9815)).toBe('98.2 %');
    expect(formatPercent(1)).toBe('100.0 %');
    expect(formatPercent(0)).toBe('0.0 %');
  });
});

describe('binLabel', () => {
  it('names an integer bin by its value and a continuous bin by its edges', () => {
    expect(binLabel('Z', 10.5, 11.5, true)).toBe('Z = 11');
    expect(binLabel('spaceGroup', 224.5, 225.5, true)).toBe('space group = 225');
    expect(binLabel('a', 3.2, 3.5, false)).toBe('a: 3.20 to 3.50 Å');
    expect(binLabel('alpha', 90, 91.25, false)).toBe('α: 90.0 to 91.3°');
  });
});
