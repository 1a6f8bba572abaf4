/**
 * A reconstructed crystal's site labels are the exported CIF's (issue 13: the Reconstruct panel said Zn4 where the
 * file said Zn1). The labels are read back from the CIF text, the way a researcher finds a site in the file.
 */
import { describe, expect, it } from 'vitest';
import { reconstruct } from '../crystens/reconstruct';
import { normalizationFor } from '../crystens/layout';
import { encodeOrThrow, handBuiltCrystal } from '../testing/hand-built';
import { cifSiteLabels } from './site-labels';
import { writeCif } from './write';

/** The `_atom_site_label` column of a CIF the writer made (the first word of each atom-site row). */
function labelsInCif(text: string): string[] {
  const lines = text.trimEnd().split('\n');
  return lines.slice(lines.indexOf('_atom_site_occupancy') + 1).map((line) => line.split(' ')[0]!);
}

describe('cifSiteLabels', () => {
  it('counts each element from 1 in site order', () => {
    expect(cifSiteLabels([{ element: 'O' }, { element: 'Zn' }, { element: 'O' }, { element: 'Zn' }])).toEqual(['O1', 'Zn1', 'O2', 'Zn2']);
  });

  it("labels a reconstruction's sites as its exported CIF does, though slots run O, O, Zn, Zn by atomic number", () => {
    // Wurtzite ZnO; its tensor holds the atoms sorted by Z, so Zn fills slots 3 and 4.
    const wurtzite = handBuiltCrystal({ a: 3.25, b: 3.25, c: 5.21, alpha: 90, beta: 90, gamma: 120 }, [
      ['Zn', [1 / 3, 2 / 3, 0]],
      ['Zn', [2 / 3, 1 / 3, 0.5]],
      ['O', [1 / 3, 2 / 3, 0.382]],
      ['O', [2 / 3, 1 / 3, 0.882]],
    ], 186);
    const n = normalizationFor(5.21);
    const result = reconstruct(encodeOrThrow(wurtzite, n), n);
    if (!result.ok) throw new Error(result.reason);
    const labels = result.crystal.sites.map((s) => s.label);
    expect(labels).toEqual(['O1', 'O2', 'Zn1', 'Zn2']);
    expect(labelsInCif(writeCif(result.crystal))).toEqual(labels);
    expect(result.siteAtoms).toEqual([0, 1, 2, 3]);
  });

  it('counts on past an atom merged into another, which the warning names by its number', () => {
    const twinned = handBuiltCrystal({ a: 4, b: 4, c: 4, alpha: 90, beta: 90, gamma: 90 }, [
      ['Zn', [0, 0, 0]],
      ['Zn', [0, 0, 0.001]],
      ['Zn', [0.5, 0.5, 0.5]],
      ['O', [0.25, 0.25, 0.25]],
    ], 1);
    const n = normalizationFor(4);
    const result = reconstruct(encodeOrThrow(twinned, n), n);
    if (!result.ok) throw new Error(result.reason);
    // Slots: O (atom 1), then the three Zn (atoms 2–4); atom 3 lies 0.004 Å from atom 2.
    expect(result.warnings).toEqual(['atom 3 (Zn) falls on atom 2 and was merged']);
    expect(result.siteAtoms).toEqual([0, 1, 3]);
    expect(result.crystal.sites.map((s) => s.label)).toEqual(['O1', 'Zn1', 'Zn2']);
    expect(labelsInCif(writeCif(result.crystal))).toEqual(['O1', 'Zn1', 'Zn2']);
  });
});
