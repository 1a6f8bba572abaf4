/** Large CIF texts for the input-limit tests and bench/hostile.ts: what a careless or hostile file looks like. */

/**
 * A P1 data block of `count` atoms of one element on a cubic mesh 2 Å apart (so that none merge), in the smallest
 * cubic cell that holds them. The hostile case of issue 12 is `largeP1Block('big', 100_000)`.
 */
export function largeP1Block(name: string, count: number, element = 'C'): string {
  const n = Math.ceil(Math.cbrt(count));
  const lines = p1Header(name, 2 * n);
  for (let i = 0; i < count; i++) {
    lines.push(`${element}${i} ${element} ${(i % n) / n} ${(Math.floor(i / n) % n) / n} ${Math.floor(i / n / n) / n}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A P1 data block's header: a cubic cell of edge `a` Å and the atom-site loop's tags. */
function p1Header(name: string, a: number): string[] {
  return [
    `data_${name}`,
    ...['a', 'b', 'c'].map((x) => `_cell_length_${x} ${a}`),
    '_space_group_IT_number 1',
    'loop_',
    '_atom_site_label',
    '_atom_site_type_symbol',
    '_atom_site_fract_x',
    '_atom_site_fract_y',
    '_atom_site_fract_z',
  ];
}

/**
 * Carbon at i·(0.919, 0.729, 0.709) mod 1 for i < 1,000 in a 50 Å cube: since 1,000 times the step is a whole
 * lattice vector, every site is a translation of every other, and the cell is a 1,000-fold supercell of a one-atom
 * primitive cell (125 Å³). The space-group search took moyo more than two minutes on it (issue 12).
 */
export function latticeP1Block(name: string): string {
  const step = [0.919, 0.729, 0.709];
  const lines = p1Header(name, 50);
  for (let i = 0; i < 1000; i++) lines.push(`C${i} C ${step.map((x) => ((i * x) % 1).toFixed(6)).join(' ')}`);
  return `${lines.join('\n')}\n`;
}

/** Rock salt's conventional cell (5.64 Å) repeated n times along each axis and written out in P1: 8n³ sites. */
export function rockSaltSupercellBlock(name: string, n: number): string {
  const sodium = [[0, 0, 0], [0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]];
  const chlorine = sodium.map((p) => p.map((x) => (x + 0.5) % 1));
  const lines = p1Header(name, 5.64 * n);
  for (let i = 0; i < n ** 3; i++) {
    const cell = [i % n, Math.floor(i / n) % n, Math.floor(i / n / n)];
    for (const [element, basis] of [['Na', sodium], ['Cl', chlorine]] as const) {
      for (const p of basis) lines.push(`${element}${lines.length} ${element} ${p.map((x, k) => ((x + cell[k]!) / n).toFixed(6)).join(' ')}`);
    }
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
