/** Large CIF texts for the input-limit tests and bench/hostile.ts: what a careless or hostile file looks like. */

/**
 * A P1 data block of `count` atoms of one element on a cubic mesh 2 Å apart (so that none merge), in the smallest
 * cubic cell that holds them. The hostile case of issue 12 is `largeP1Block('big', 100_000)`.
 */
export function largeP1Block(name: string, count: number, element = 'C'): string {
  const n = Math.ceil(Math.cbrt(count));
  const lines = [`data_${name}`, ...['a', 'b', 'c'].map((x) => `_cell_length_${x} ${2 * n}`), '_space_group_IT_number 1'];
  lines.push('loop_', '_atom_site_label', '_atom_site_type_symbol', '_atom_site_fract_x', '_atom_site_fract_y', '_atom_site_fract_z');
  for (let i = 0; i < count; i++) {
    lines.push(`${element}${i} ${element} ${(i % n) / n} ${(Math.floor(i / n) % n) / n} ${Math.floor(i / n / n) / n}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Rock salt in its conventional setting: the good file of a batch. */
export const ROCK_SALT_CIF = `data_NaCl
_cell_length_a 5.64
_cell_length_b 5.64
_cell_length_c 5.64
_cell_angle_alpha 90
_cell_angle_beta 90
_cell_angle_gamma 90
_symmetry_space_group_name_H-M 'F m -3 m'
loop_
_atom_site_label
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
Na1 0 0 0
Cl1 0.5 0.5 0.5
`;
