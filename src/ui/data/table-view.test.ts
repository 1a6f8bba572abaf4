import { describe, expect, it } from 'vitest';
import type { Crystal } from '../../core/crystal';
import { latticeFromParameters } from '../../core/lattice';
import { type CrystalRow, crystalRow, naturalKey, nextOrder, type TableOrder, tableViewSteps } from './table-view';
import { runInSlices } from './time-slices';

const Z: Record<string, number> = { Na: 11, Cl: 17, Fe: 26, O: 8, Si: 14, Ba: 56, Ti: 22 };

function row(index: number, source: string, elements: string[], a: number, detected: number, symbol: string, warnings: string[] = []): CrystalRow {
  const crystal: Crystal = {
    source,
    lattice: latticeFromParameters({ a, b: a, c: a, alpha: 90, beta: 90, gamma: 90 }),
    sites: elements.map((element, i) => ({ element, Z: Z[element]!, frac: [i / 8, 0, 0], occupancy: 1, label: `${element}${i}` })),
    spaceGroup: { detected, detectedSymbol: symbol },
    warnings,
  };
  return crystalRow(index, { source, ok: true, crystal, warnings }, 'a load');
}

const rows = [
  row(0, 'nacl.cif', ['Na', 'Cl'], 5.64, 225, 'Fm-3m'),
  row(1, 'quartz.cif', ['Si', 'O', 'O'], 4.91, 154, 'P3_221'),
  row(2, 'hematite.cif', ['Fe', 'Fe', 'O', 'O', 'O'], 5.04, 167, 'R-3c', ['a warning']),
];

const view = async (of: readonly CrystalRow[], query: string, order: TableOrder | null) => (await runInSlices(tableViewSteps(of, query, order))).map((r) => r.index);

describe('the crystal table', () => {
  it('derives a row’s columns once: formula as chemists read it (searched in the cell’s Hill order, elements apart), sites, warnings of entry and crystal once each', () => {
    expect(rows[2]).toMatchObject({ formula: 'Fe2O3', sites: 5, warnings: ['a warning'], text: 'hematite.cif fe2 o3 167 r-3c' });
  });

  it('filters on every word of the query, in any field', async () => {
    expect(await view(rows, 'o', null)).toEqual([1, 2]);
    expect(await view(rows, 'fe o', null)).toEqual([2]);
    expect(await view(rows, '225', null)).toEqual([0]);
    expect(await view(rows, 'R-3C', null)).toEqual([2]);
    expect(await view(rows, '  ', null)).toEqual([0, 1, 2]);
  });

  it('sorts numbers as numbers and text naturally, both ways, keeping load order among equals', async () => {
    expect(await view(rows, '', { key: 'a', descending: false })).toEqual([1, 2, 0]);
    expect(await view(rows, '', { key: 'sites', descending: true })).toEqual([2, 1, 0]);
    expect(await view(rows, '', { key: 'formula', descending: false })).toEqual([2, 0, 1]); // Fe2O3, NaCl, SiO2
    expect(await view(rows, '', { key: 'warnings', descending: false })).toEqual([0, 1, 2]);
    expect(await view(rows, '', { key: 'warnings', descending: true })).toEqual([2, 0, 1]);
  });

  it('cycles a column through ascending, descending and load order', () => {
    expect(nextOrder(null, 'a')).toEqual({ key: 'a', descending: false });
    expect(nextOrder({ key: 'a', descending: false }, 'a')).toEqual({ key: 'a', descending: true });
    expect(nextOrder({ key: 'a', descending: true }, 'a')).toBeNull();
    expect(nextOrder({ key: 'a', descending: true }, 'c')).toEqual({ key: 'c', descending: false });
  });

  it('orders text as Intl.Collator’s numeric collation does, for file names and formulas', () => {
    const names = ['file_10.cif', 'File_9.cif', 'file_009b.cif', 'perov_5/test.csv#12', 'perov_5/test.csv#2', 'perov_5/val.csv#1', 'Ba1 O3 Ti1', 'Ba2 O6 Ti2', 'Ba10 O30 Ti10', 'Ba1 O3 Ti1'];
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    const byCollator = [...names].sort((p, q) => collator.compare(p, q));
    const byKey = [...names].sort((p, q) => (naturalKey(p) < naturalKey(q) ? -1 : naturalKey(p) > naturalKey(q) ? 1 : 0));
    expect(byKey).toEqual(byCollator);
  });

  it('sorts 20,000 rows in merged runs as the engine’s stable sort does, yielding between steps', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => row(i, `block_${(i * 7919) % 5003}.cif`, ['Na', 'Cl'], 4 + ((i * 104_729) % 1000) / 500, 225, 'Fm-3m'));
    for (const key of ['a', 'source'] as const) {
      for (const descending of [false, true]) {
        const sign = descending ? -1 : 1;
        const value = many.map((r) => (key === 'a' ? r.crystal.lattice.a : naturalKey(r.source)));
        const expected = [...many].sort((p, q) => (value[p.index]! < value[q.index]! ? -sign : value[p.index]! > value[q.index]! ? sign : 0)).map((r) => r.index);
        expect(await view(many, '', { key, descending })).toEqual(expected);
      }
    }
    let steps = 0;
    const sorting = tableViewSteps(many, 'block', { key: 'a', descending: false });
    while (!sorting.next().done) steps++;
    // 4 filter steps of 4,096 rows, 19 keying steps of 1,024, 20 runs of 1,024 sorted, then 10 + 5 + 3 + 2 + 1 merges.
    expect(steps).toBe(4 + 19 + 20 + 21);
  });
});
