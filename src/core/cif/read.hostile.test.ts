/**
 * Strict meaning (issue 12): careless or hostile values in a CIF are refused, or warned, with a reason naming the
 * file, the line and the field, while the good blocks and files of the same batch are read. What pymatgen 2022.11.7
 * and gemmi 0.5.7 make of the same values is in goldens/hostile-cif.json (goldens/make_hostile_cif_goldens.py);
 * where we differ on purpose, DECIDED says why, and a decision that no longer differs fails the test.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest';
import { MAX_CIF_NESTING_DEPTH } from '../input-limits';
import { initMoyoNode } from '../symmetry/moyo-node';
import { REPO_ROOT } from '../testing/corpus';
import { ROCK_SALT_CIF } from '../testing/large-cif';
import { readCif } from './read';

interface Case {
  readonly cif: string;
  readonly pymatgen: { species?: string[]; lattice?: (number | string)[]; error?: string; warnings: string[] };
  readonly gemmi: { sites?: [string, number][]; error?: string };
}
const goldens = JSON.parse(readFileSync(resolve(REPO_ROOT, 'goldens/hostile-cif.json'), 'utf8')) as {
  type_symbols: Record<string, Case>;
  cells: Record<string, Case>;
};

const REFUSED = 'refused';
const isElement = (s: string | undefined) => s !== undefined && /^[A-Z][a-z]?$/.test(s);

/** The second site's element as we read it, or REFUSED. */
function ours(c: Case): string {
  const [result] = readCif(c.cif, 'case.cif');
  return result!.ok ? result!.crystal.sites[1]!.element : REFUSED;
}

/** pymatgen's element for the second site; anything that is no element (a dummy species, a dropped site) → REFUSED. */
function pymatgenReading(c: Case): string {
  const species = [...(c.pymatgen.species ?? [])];
  species.splice(species.indexOf('Na'), 1);
  return isElement(species[0]) ? species[0]! : REFUSED;
}

/** gemmi's element for the second site ('X' is its unknown element). */
function gemmiReading(c: Case): string {
  const element = c.gemmi.sites?.[1]?.[0];
  return element === 'X' || element === undefined ? REFUSED : element;
}

/** `symbol vs tool` → why we read the type symbol otherwise. */
const DECIDED: Record<string, string> = {
  'D vs pymatgen': 'deuterium is hydrogen to a CrysTens (it stores Z); pymatgen makes a dummy species D0+',
  'D vs gemmi': 'gemmi keeps deuterium as its own element D; a CrysTens stores Z = 1',
  'T vs pymatgen': 'tritium is hydrogen; pymatgen makes a dummy species T0+',
  'T vs gemmi': 'tritium is hydrogen; gemmi does not know T',
  'Hw vs gemmi': "water's hydrogen, read as H as pymatgen does; gemmi does not know Hw",
  'Ow vs gemmi': "water's oxygen, read as O as pymatgen does; gemmi does not know Ow",
  'Wat vs gemmi': 'a water molecule refined as one scatterer, read as O as pymatgen does; gemmi does not know Wat',
  'OH vs pymatgen': 'a hydroxyl pseudo-atom is read as its oxygen; pymatgen drops the site',
  'OH vs gemmi': 'as above; gemmi does not know OH',
  'OH2 vs pymatgen': 'a water pseudo-atom is read as its oxygen; pymatgen drops the site',
  'OH2 vs gemmi': 'as above; gemmi does not know OH2',
  'NH3 vs pymatgen': "ammonia's nitrogen; pymatgen and gemmi read nihonium (Z = 113), which no measured structure holds",
  'NH3 vs gemmi': 'as above',
  'Uuo vs pymatgen': "'Uuo' (ununoctium, oganesson's old placeholder) is not uranium: refused; pymatgen silently reads U",
  'UUO vs pymatgen': 'as above, in capitals',
  'C1A vs pymatgen': 'a label is not a type symbol: refused; pymatgen and gemmi read its first letter',
  'C1A vs gemmi': 'as above',
};

describe('type symbols against pymatgen and gemmi', () => {
  beforeAll(initMoyoNode);

  it('reads every type symbol as both tools do, except the documented decisions', () => {
    const disagreements: string[] = [];
    for (const [symbol, c] of Object.entries(goldens.type_symbols)) {
      const mine = ours(c);
      for (const [tool, theirs] of [['pymatgen', pymatgenReading(c)], ['gemmi', gemmiReading(c)]] as const) {
        if (mine !== theirs) disagreements.push(`${symbol} vs ${tool}: we read ${mine}, ${tool} ${theirs}`);
      }
    }
    const key = (d: string) => d.slice(0, d.indexOf(':'));
    expect(disagreements.filter((d) => !(key(d) in DECIDED))).toEqual([]);
    expect(Object.keys(DECIDED).filter((k) => !disagreements.some((d) => key(d) === k)), 'decisions that no longer differ').toEqual([]);
  });

  it('refuses Uuo and an HTML tag by file, line and symbol, where pymatgen reads uranium and drops the tag', () => {
    const aliases = '(D, T, Hw, Ow, Wat, OH, OH2, NH3, NH4, NO3)';
    expect(readCif(goldens.type_symbols.Uuo!.cif, 'uuo.cif')[0]).toMatchObject({
      ok: false,
      error: `uuo.cif#case: line 19: site S1: type symbol 'Uuo' is neither an element symbol (optionally with a charge: Fe, Fe2+, O2-) nor an alias this reader documents ${aliases}`,
    });
    expect(goldens.type_symbols.Uuo!.pymatgen.species).toContain('U');
    const tag = readCif(goldens.type_symbols['<img/src=x onerror=alert(1)>']!.cif, 'tag.cif')[0]!;
    expect(tag.ok || tag.error).toBe(`tag.cif#case: line 19: site S1: type symbol '<img/src=x onerror=alert(1)>' is neither an element symbol (optionally with a charge: Fe, Fe2+, O2-) nor an alias this reader documents ${aliases}`);
  });

  it('reads a label that does not start with a letter as no element (left out, said), never as the letters after it', () => {
    const cif = ROCK_SALT_CIF.replace('data_NaCl', 'data_labels').replace('Cl1 0.5 0.5 0.5', 'Cl1 0.5 0.5 0.5\n<img/src=x> 0.25 0.25 0.25');
    const [result] = readCif(cif, 'labels.cif');
    expect(result!.ok && result!.crystal.sites.map((s) => s.element).sort()).toEqual([...Array(4).fill('Cl'), ...Array(4).fill('Na')]);
    expect(result!.warnings).toContain('sites naming no element were left out: <img/src=x>');
  });
});

describe('absurd cells and coordinates', () => {
  beforeAll(initMoyoNode);

  /** Case → our message (after `case.cif#case: `). pymatgen reads every one of them but the infinite coordinate. */
  const EXPECTED: Record<string, string> = {
    'length_a 1e-300': "line 2: _cell_length_a = 1e-300 Å is outside the 0.1–1,000 Å a crystal's cell length can be",
    'length_a 0.05': "line 2: _cell_length_a = 0.05 Å is outside the 0.1–1,000 Å a crystal's cell length can be",
    'length_a 1e30': "line 2: _cell_length_a = 1e30 Å is outside the 0.1–1,000 Å a crystal's cell length can be",
    'length_a 1e308': "line 2: _cell_length_a = 1e308 Å is outside the 0.1–1,000 Å a crystal's cell length can be",
    'length_a 2000': "line 2: _cell_length_a = 2000 Å is outside the 0.1–1,000 Å a crystal's cell length can be",
    'angle_alpha 200': 'line 5: _cell_angle_alpha = 200° is not between 0° and 180°',
    'angles 10 10 170': 'the cell angles _cell_angle_alpha, _beta, _gamma = 10°, 10°, 170° make no cell (no volume)',
    'fract_x 1e308': 'line 19: site S1: _atom_site_fract_x = 1e308 lies more than 1,000 cells from the origin, too far to keep its place in the cell',
    'fract_x 1e400': 'line 19: site S1: _atom_site_fract_x = 1e400 is not a finite number',
  };

  it('refuses each with a reason naming the field (pymatgen accepts all but an infinite coordinate)', () => {
    expect(Object.keys(goldens.cells).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [name, c] of Object.entries(goldens.cells)) {
      expect(readCif(c.cif, 'case.cif')[0], name).toMatchObject({ ok: false, error: `case.cif#case: ${EXPECTED[name]}` });
      expect(c.pymatgen.error === undefined, name).toBe(name !== 'fract_x 1e400');
    }
  });

  it('refuses a cell too dense for its atoms and warns on one too empty, naming the volume per atom', () => {
    const dense = ROCK_SALT_CIF.replace('data_NaCl', 'data_dense').replaceAll('5.64', '0.5');
    expect(readCif(dense, 'dense.cif')[0]).toMatchObject({
      ok: false,
      error: 'dense.cif#dense: the cell (0.1250 Å³) holds 0.063 Å³ per atom, less than the 0.1 Å³ below which atoms overlap: check _cell_length_a, _b, _c and the atom list',
    });
    const empty = ROCK_SALT_CIF.replace('data_NaCl', 'data_empty').replaceAll('5.64', '50').replace("'F m -3 m'", "'P 1'");
    const [read] = readCif(empty, 'empty.cif');
    expect(read!.ok).toBe(true);
    expect(read!.warnings).toContain('the cell (1.250e+5 Å³) holds 62,500 Å³ per atom, more than 1,000: atoms may be missing from the list');
  });

  it('keeps the good files and blocks of a batch beside the refused ones', async () => {
    const bad = goldens.cells['length_a 1e308']!.cif;
    const entries = await ingestFiles([
      { name: 'salt.cif', bytes: new TextEncoder().encode(ROCK_SALT_CIF) },
      { name: 'two.cif', bytes: new TextEncoder().encode(bad + ROCK_SALT_CIF) },
      { name: 'uuo.cif', bytes: new TextEncoder().encode(goldens.type_symbols.Uuo!.cif) },
    ]);
    expect(entries.map((e) => [e.source, e.ok])).toEqual([
      ['salt.cif#NaCl', true],
      ['two.cif#case', false],
      ['two.cif#NaCl', true],
      ['uuo.cif#case', false],
    ]);
  });
});

describe('CIF 2.0 nesting', () => {
  beforeAll(initMoyoNode);

  it('refuses lists nested 3,000 deep with the line they open on, and reads the block before them', () => {
    const deep = `${ROCK_SALT_CIF.replace('data_NaCl', 'data_deep')}_some_item\n${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    const results = readCif(`#\\#CIF_2.0\n${ROCK_SALT_CIF}${deep}`, 'deep.cif');
    expect(results[0]).toMatchObject({ ok: true, source: 'deep.cif#NaCl' });
    expect(results[1]).toMatchObject({
      ok: false,
      error: `deep.cif#deep: line 33: lists and tables nested more than ${MAX_CIF_NESTING_DEPTH} deep`,
    });
  });

  it('reads nesting within the bound', () => {
    const nested = `#\\#CIF_2.0\n${ROCK_SALT_CIF}_matrix ${'['.repeat(10)}1 2${']'.repeat(10)}\n_table {'k':[[1 2] {'j':[3]}]}\n`;
    expect(readCif(nested, 'ok.cif')[0]).toMatchObject({ ok: true });
  });
});

describe('symmetry operations that form no group', () => {
  beforeAll(initMoyoNode);

  const withOperations = (ops: string[]) =>
    ROCK_SALT_CIF.replace("_symmetry_space_group_name_H-M 'F m -3 m'\n", `loop_\n_symmetry_equiv_pos_as_xyz\n${ops.map((o) => `'${o}'`).join('\n')}\n`);

  it('warns, naming the list and a product not in it, for 10,000 operations (bounded work)', () => {
    // Translations scattered over the cell (quadratic residues, four decimals): no group, nor a lattice.
    const t = (i: number, k: number) => (((i * i * [7, 11, 13][k]!) % 10007) / 10007).toFixed(4);
    const ops = Array.from({ length: 10_000 }, (_, i) => (i === 0 ? 'x,y,z' : `-x+${t(i, 0)},y+${t(i, 1)},z+${t(i, 2)}`));
    // One atom in a 50 Å cell, so that its images neither collide nor crowd the cell.
    const [result] = readCif(withOperations(ops).replaceAll('5.64', '50').replace('Cl1 0.5 0.5 0.5\n', ''), 'ops.cif');
    expect(result!.ok && result!.crystal.sites).toHaveLength(5004); // i² repeats: 5,004 distinct images
    expect(result!.warnings.find((w) => w.includes('group'))).toBe(
      'the 10,000 symmetry operations listed under _symmetry_equiv_pos_as_xyz from line 10 do not form a group: operation 2 (-x+0.000700, y+0.001100, z+0.001300) times operation 2 (-x+0.000700, y+0.001100, z+0.001300) gives x, y+0.002200, z+0.002600, which is not listed; they were applied as listed',
    );
  });

  it('is silent for a complete list (F m -3 m, 192 operations, from the corpus) and warns for half of one', async () => {
    const corpus = resolve(REPO_ROOT, '../shared/data/cif-corpus/codtools__2-entries-AMCSD-cifdata.cif');
    const full = readCif(readFileSync(corpus, 'utf8'), 'amcsd.cif');
    expect(full.every((r) => !r.warnings.some((w) => w.includes('form a group')))).toBe(true);
    const half = readCif(withOperations(['x,y,z', '-x,-y,z', '-x,y,-z']), 'half.cif')[0]!;
    expect(half.warnings.find((w) => w.includes('form a group'))).toBe(
      'the 3 symmetry operations listed under _symmetry_equiv_pos_as_xyz from line 10 do not form a group: operation 2 (-x, -y, z) times operation 3 (-x, y, -z) gives x, -y, -z, which is not listed; they were applied as listed',
    );
  });
});
