/** The example dataset the studio offers to a new user: prototypes × substitutions, built here, nothing downloaded. */
import type { Crystal } from '../crystal';
import { withDetectedSpaceGroup } from '../symmetry/crystal-symmetry';
import { DEFAULT_SYMPREC } from '../symmetry/moyo';
import { buildExample, type Example } from './build';
import { PROTOTYPES } from './catalogue';

export const EXAMPLE_DATASET_NAME = 'Structure prototypes (example)';

const COMPOUND_COUNT = PROTOTYPES.reduce((n, p) => n + p.compounds.length, 0);

/** What the UI shows wherever the example dataset appears: these crystals are made up, not measured. */
export const EXAMPLE_DATASET_DESCRIPTION =
  `${COMPOUND_COUNT} crystals generated in the studio, not taken from a database: ` +
  `${PROTOTYPES.length} well-known structure prototypes (${PROTOTYPES.map((p) => p.name).join(', ')}) ` +
  'filled with chemically sensible element substitutions. Lattice constants are estimates: each cell is scaled so ' +
  "that its bonds are the sums of Shannon's ionic radii (salts, oxides) or Cordero's covalent radii " +
  '(semiconductors, chalcogenides), and free coordinates are those of the named mineral, so the cells are ' +
  'plausible but not exact. Spinels are given in their 14-atom primitive cell; all others in the conventional cell.';

/** Every prototype with every compound of its list, in catalogue order (no space-group detection). */
export function exampleCrystals(): Example[] {
  return PROTOTYPES.flatMap((prototype) => prototype.compounds.map((compound) => buildExample(prototype, compound)));
}

/**
 * The finished dataset: the example crystals with their detected space group, like the importer's crystals.
 * Needs the symmetry library loaded (initMoyo in the page and workers, initMoyoNode in Node).
 */
export function exampleDataset(symprec = DEFAULT_SYMPREC): Crystal[] {
  return exampleCrystals().map((example) => withDetectedSpaceGroup(example.crystal, symprec));
}
