/**
 * Crystal → CIF text: P1 with every site, or symmetrised (detected space group and its asymmetric unit).
 * Both old and new space-group tags, unique labels, explicit occupancies, comments with '#' only.
 */
import { type Crystal, formula } from '../crystal';
import { volume } from '../lattice';
import { cifSiteLabels } from './site-labels';
import { PREDICTED_SPACE_GROUP_TAG } from './tags';
import { formatSymOp, IDENTITY, type SymOp } from '../symmetry/operation';
import { symmetrizedCell } from '../symmetry/crystal-symmetry';

export interface CifWriteOptions {
  /** Write the detected space group (standard setting, idealised cell) and its asymmetric unit instead of P1. */
  readonly symmetrized?: boolean;
  readonly symprec?: number;
  /** Data block name; by default the formula. */
  readonly blockName?: string;
}

const fixed = (x: number, digits: number) => {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
};

function quote(text: string): string {
  return `'${text.replace(/'/g, '')}'`;
}

export function writeCif(crystal: Crystal, options: CifWriteOptions = {}): string {
  let { lattice, sites } = crystal;
  let operations: readonly SymOp[] = [IDENTITY];
  let number = 1;
  let symbol = 'P 1';
  if (options.symmetrized) {
    const sym = symmetrizedCell(crystal, options.symprec);
    ({ lattice, operations, number, symbol } = sym);
    sites = sym.asymmetricUnit;
  }
  const formulaSum = formula(crystal);
  const lines = [
    '# CIF written by CrysTens Studio',
    `# source: ${crystal.source.replace(/[\r\n]/g, ' ')}`,
    `data_${(options.blockName ?? formulaSum.replace(/ /g, '')).replace(/[^A-Za-z0-9_.()+-]/g, '_')}`,
    `_chemical_formula_sum ${quote(formulaSum)}`,
    `_cell_length_a ${fixed(lattice.a, 6)}`,
    `_cell_length_b ${fixed(lattice.b, 6)}`,
    `_cell_length_c ${fixed(lattice.c, 6)}`,
    `_cell_angle_alpha ${fixed(lattice.alpha, 6)}`,
    `_cell_angle_beta ${fixed(lattice.beta, 6)}`,
    `_cell_angle_gamma ${fixed(lattice.gamma, 6)}`,
    `_cell_volume ${fixed(volume(lattice), 4)}`,
    `_space_group_IT_number ${number}`,
    `_symmetry_Int_Tables_number ${number}`,
    `_space_group_name_H-M_alt ${quote(symbol)}`,
    `_symmetry_space_group_name_H-M ${quote(symbol)}`,
    ...(crystal.spaceGroup.predicted === undefined ? [] : [`${PREDICTED_SPACE_GROUP_TAG} ${crystal.spaceGroup.predicted}`]),
    'loop_',
    '_space_group_symop_id',
    '_space_group_symop_operation_xyz',
    ...operations.map((op, i) => `${i + 1} ${quote(formatSymOp(op))}`),
    'loop_',
    '_atom_site_label',
    '_atom_site_type_symbol',
    '_atom_site_fract_x',
    '_atom_site_fract_y',
    '_atom_site_fract_z',
    '_atom_site_occupancy',
  ];
  const labels = cifSiteLabels(sites);
  for (const [i, site] of sites.entries()) {
    const [x, y, z] = site.frac;
    lines.push(`${labels[i]} ${site.element} ${fixed(x, 8)} ${fixed(y, 8)} ${fixed(z, 8)} ${fixed(site.occupancy, 6)}`);
  }
  return `${lines.join('\n')}\n`;
}
