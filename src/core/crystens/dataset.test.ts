import { describe, expect, it } from 'vitest';
import type { Crystal } from '../crystal';
import { latticeFromParameters } from '../lattice';
import { buildDataset, crystalAt, datasetBuffers, encodeBatch, fitDataset } from './dataset';

/** Rock salt at lattice constant `a` (two sites of the primitive description), with space group 225. */
function rockSalt(source: string, a: number, occupancy = 1): Crystal {
  return {
    source,
    lattice: latticeFromParameters({ a, b: a, c: a, alpha: 90, beta: 90, gamma: 90 }),
    sites: [
      { element: 'Cl', Z: 17, frac: [0.5, 0.5, 0.5], occupancy, label: 'Cl1' },
      { element: 'Na', Z: 11, frac: [0, 0, 0], occupancy: 1, label: 'Na1' },
    ],
    spaceGroup: { detected: 225, detectedSymbol: 'Fm-3m' },
    warnings: [],
  };
}

// NaCl 5.64 Å, KCl 6.29 Å, RbCl 6.58 Å (room-temperature lattice constants), one with a partly occupied site.
const crystals = [rockSalt('NaCl', 5.64), rockSalt('half', 5.64, 0.5), rockSalt('KCl', 6.29), rockSalt('RbCl', 6.58)];

describe('a compact dataset', () => {
  it('holds the encodable crystals, bounded by its longest length, sites in (Z, x, y, z) order', () => {
    const { dataset, skipped } = buildDataset(crystals);
    expect(dataset.entries.map((e) => e.source)).toEqual(['NaCl', 'KCl', 'RbCl']);
    expect(skipped.map((s) => s.source)).toEqual(['half']);
    expect(skipped[0]!.reason).toMatch(/partial occupancy/);
    expect(dataset.normalization.lengthBound).toBe(Math.ceil(6.58 * 1.1));
    expect([...dataset.atomicNumbers.subarray(0, 2)]).toEqual([11, 17]);
    expect(crystalAt(dataset, 2).lattice.a).toBeCloseTo(6.58, 12);
  });

  it('fits a model’s bounds: those beyond are skipped, the rest normalised by the model and encoded as when built for it', () => {
    const bounds = { lengthBound: 6.5 };
    const fitted = fitDataset(buildDataset(crystals).dataset, bounds);
    expect(fitted.dataset.entries.map((e) => e.source)).toEqual(['NaCl', 'KCl']);
    expect(fitted.skipped).toEqual([{ source: 'RbCl', reason: 'lattice length 6.580 Å exceeds the bound 6.5 Å' }]);
    const direct = buildDataset(crystals, bounds);
    expect(direct.skipped.map((s) => s.source)).toEqual(['half', 'RbCl']);
    expect(direct.dataset).toEqual(fitted.dataset);
    // a / bound in the tensor's lattice rows (spec §3): 5.64 / 6.5 for NaCl.
    const tensors = encodeBatch(fitted.dataset, [0, 1]);
    expect(tensors).toEqual(encodeBatch(direct.dataset, [0, 1]));
    expect(tensors.some((v) => Math.abs(v - 5.64 / 6.5) < 1e-6)).toBe(true);
  });

  it('hands over its arrays by transfer: every buffer listed once, and detached once moved', () => {
    const { dataset } = buildDataset(crystals);
    const buffers = datasetBuffers(dataset);
    expect(new Set(buffers).size).toBe(5);
    const moved = structuredClone(dataset, { transfer: buffers });
    expect(dataset.fractional.length).toBe(0);
    expect(crystalAt(moved, 1).sites.map((s) => s.element)).toEqual(['Na', 'Cl']);
  });
});
