import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BLOCKS_PER_FILE, MAX_SITES_PER_BLOCK } from '../input-limits';
import { initMoyoNode } from '../symmetry/moyo-node';
import { largeP1Block, latticeP1Block, rockSaltSupercellBlock, ROCK_SALT_CIF } from '../testing/large-cif';
import { readCif } from './read';

beforeAll(initMoyoNode);

describe('readCif bounds the work of one block and one file', () => {
  it('refuses a block past the site limit by file and block name, and keeps the block before it', () => {
    const [salt, big] = readCif(ROCK_SALT_CIF + largeP1Block('big', MAX_SITES_PER_BLOCK + 1), 'two.cif');
    expect(salt).toMatchObject({ ok: true, source: 'two.cif#NaCl', crystal: { spaceGroup: { detected: 225 } } });
    expect(big).toMatchObject({
      ok: false,
      source: 'two.cif#big',
      error: 'two.cif#big: more than 25,000 sites after symmetry expansion, the most one block may have (so that one file cannot stall the batch)',
    });
  });

  it('reads a block whose space-group search would be too long without its group, saying so', () => {
    // 4,000 sites of one element: 16 million comparisons, past the 10 million bound.
    const [result] = readCif(largeP1Block('carbon', 4000), 'c.cif');
    expect(result!.ok && result!.crystal.sites).toHaveLength(4000);
    expect(result!.ok && result!.crystal.spaceGroup.detected).toBeUndefined();
    expect(result!.warnings).toContain(
      'space group not detected: searching 4,000 sites would take 16,000,000 comparisons, more than the 10,000,000 one block may',
    );
  });

  it('finds the space group of a 1,000-fold supercell in seconds, on its primitive cell', { timeout: 20_000 }, () => {
    // moyo alone took more than two minutes on the lattice; spglib 2.0.2 finds P -1 for it, and rock salt is F m -3 m.
    const [lattice, salt] = readCif(latticeP1Block('lattice') + rockSaltSupercellBlock('salt', 5), 'supercells.cif');
    expect(lattice).toMatchObject({ ok: true, crystal: { sites: { length: 1000 }, spaceGroup: { declared: 1, detected: 2, detectedSymbol: 'P -1' } } });
    expect(salt).toMatchObject({ ok: true, crystal: { sites: { length: 1000 }, spaceGroup: { declared: 1, detected: 225, detectedSymbol: 'F m -3 m' } } });
  });

  it('keeps a crystal whose translations at the tolerance form no group, without a space group and saying why', () => {
    // Gaps of 0.2 ± 0.0009 along a 10 Å axis: one step maps the chain onto itself at 0.01 Å, two steps do not.
    const chain = ['0', '0.2', '0.4009', '0.6018', '0.8009'].map((x, i) => `C${i} C ${x} 0 0`);
    const text = ['data_chain', '_cell_length_a 10', '_cell_length_b 3', '_cell_length_c 3', '_cell_angle_alpha 90', '_cell_angle_beta 90', '_cell_angle_gamma 90', '_space_group_IT_number 1'];
    text.push('loop_', '_atom_site_label', '_atom_site_type_symbol', '_atom_site_fract_x', '_atom_site_fract_y', '_atom_site_fract_z', ...chain);
    const [result] = readCif(`${text.join('\n')}\n`, 'chain.cif');
    expect(result).toMatchObject({ ok: true, crystal: { sites: { length: 5 }, spaceGroup: { declared: 1, detected: undefined } } });
    expect(result!.warnings).toEqual([
      'space group not detected: the translations that map the structure onto itself at 0.01 Å (1 besides the identity) do not form a group: together they carry a site onto 5 positions rather than 2; its positions are uneven by about the tolerance',
    ]);
  });

  it('reads the first blocks of a file with too many and refuses the rest in one entry naming the first unread', () => {
    // Cheap blocks (atom sites, no cell) after a good one, two past the limit.
    const cheap = Array.from({ length: MAX_BLOCKS_PER_FILE + 1 }, (_, i) => `data_b${i}\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0 0\n`);
    const results = readCif(ROCK_SALT_CIF + cheap.join(''), 'many.cif');
    expect(results).toHaveLength(MAX_BLOCKS_PER_FILE + 1);
    expect(results[0]).toMatchObject({ ok: true, source: 'many.cif#NaCl' });
    expect(results[1]).toMatchObject({ ok: false, error: expect.stringContaining('many.cif#b0: no cell') });
    expect(results.at(-1)).toEqual({
      source: 'many.cif#b9999',
      ok: false,
      error: 'many.cif#b9999: the file has 10,002 data blocks with atom sites, more than the 10,000 one file may have; the first 10,000 were read, not this block nor the 1 after it',
      warnings: [],
    });
  });
});
