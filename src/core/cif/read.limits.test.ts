import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BLOCKS_PER_FILE, MAX_SITES_PER_BLOCK } from '../input-limits';
import { initMoyoNode } from '../symmetry/moyo-node';
import { largeP1Block, ROCK_SALT_CIF } from '../testing/large-cif';
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
