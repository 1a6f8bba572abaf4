import { describe, expect, it } from 'vitest';
import { handBuiltCrystal } from '../../core/testing/hand-built';
import { type DataSource, sourceName, trainingCrystals } from './sources';
import { crystalRow } from './table-view';

describe('a source', () => {
  it('is named by its file, its folder, or its first files', () => {
    expect(sourceName(['quartz.cif'])).toBe('quartz.cif');
    expect(sourceName(['structures/a.cif', 'structures/olivine/b.cif'])).toBe('structures/ (2 files)');
    expect(sourceName(['a.cif', 'b.cif'])).toBe('2 files: a.cif, b.cif');
    expect(sourceName(['a.cif', 'x/b.cif', 'c.cif', 'd.cif'])).toBe('4 files: a.cif, x/b.cif, c.cif, …');
  });

  it('kept out of training takes its crystals out of the training set, in load order for the rest', () => {
    const cube = { a: 4, b: 4, c: 4, alpha: 90, beta: 90, gamma: 90 };
    const crystals = ['Na', 'K', 'Rb'].map((element) => handBuiltCrystal(cube, [[element, [0, 0, 0]]]));
    const rows = crystals.map((crystal, i) => crystalRow(i, { source: `${i}.cif`, ok: true, crystal, warnings: [] }, i === 1 ? 'second' : 'first'));
    const source = (id: string, excluded: boolean): DataSource => ({ id, name: id, added: 0, files: 1, example: false, excluded });
    expect(trainingCrystals(rows, [source('first', false), source('second', true)])).toEqual([crystals[0], crystals[2]]);
    expect(trainingCrystals(rows, [source('first', true), source('second', false)])).toEqual([crystals[1]]);
  });
});
