import { describe, expect, it } from 'vitest';
import type { Crystal } from '../../core/crystal';
import { latticeFromParameters } from '../../core/lattice';
import { type CrystalRow, tableView } from './table-view';

function row(index: number, source: string, elements: string[], a: number, detected: number, symbol: string): CrystalRow {
  const Z: Record<string, number> = { Na: 11, Cl: 17, Fe: 26, O: 8, Si: 14 };
  const crystal: Crystal = {
    source,
    lattice: latticeFromParameters({ a, b: a, c: a, alpha: 90, beta: 90, gamma: 90 }),
    sites: elements.map((element, i) => ({ element, Z: Z[element]!, frac: [i / 8, 0, 0], occupancy: 1, label: `${element}${i}` })),
    spaceGroup: { detected, detectedSymbol: symbol },
    warnings: [],
  };
  return { index, source, crystal, warnings: index === 2 ? ['a warning'] : [] };
}

const rows = [
  row(0, 'nacl.cif', ['Na', 'Cl'], 5.64, 225, 'Fm-3m'),
  row(1, 'quartz.cif', ['Si', 'O', 'O'], 4.91, 154, 'P3_221'),
  row(2, 'hematite.cif', ['Fe', 'Fe', 'O', 'O', 'O'], 5.04, 167, 'R-3c'),
];

describe('the crystal table', () => {
  it('filters on every word of the query, in any field', () => {
    expect(tableView(rows, 'o', null).map((r) => r.index)).toEqual([1, 2]);
    expect(tableView(rows, 'fe o', null).map((r) => r.index)).toEqual([2]);
    expect(tableView(rows, '225', null).map((r) => r.index)).toEqual([0]);
    expect(tableView(rows, 'R-3C', null).map((r) => r.index)).toEqual([2]);
    expect(tableView(rows, '  ', null)).toHaveLength(3);
  });

  it('sorts numbers as numbers and text naturally, both ways, keeping load order among equals', () => {
    expect(tableView(rows, '', { key: 'a', descending: false }).map((r) => r.index)).toEqual([1, 2, 0]);
    expect(tableView(rows, '', { key: 'sites', descending: true }).map((r) => r.index)).toEqual([2, 1, 0]);
    expect(tableView(rows, '', { key: 'formula', descending: false }).map((r) => r.index)).toEqual([0, 2, 1]);
    expect(tableView(rows, '', { key: 'warnings', descending: false }).map((r) => r.index)).toEqual([0, 1, 2]);
  });
});
