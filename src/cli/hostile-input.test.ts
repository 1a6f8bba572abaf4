/**
 * `crystens parse` on one batch of the hostile and careless inputs of issue 12's strict-meaning rows, through
 * main: each refused or warned entry names its file (and row or line), and the good inputs of the batch are read.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS, REPO_ROOT } from '../core/testing/corpus';
import { ROCK_SALT_CIF } from '../core/testing/large-cif';
import { main } from './main';

const goldens = JSON.parse(readFileSync(resolve(REPO_ROOT, 'goldens/hostile-cif.json'), 'utf8')) as {
  type_symbols: Record<string, { cif: string }>;
  cells: Record<string, { cif: string }>;
};

/** perov_5 val.csv cut to its header and first `n` rows (a row starts with its index and material id). */
function perovCsv(n: number): string {
  const text = readFileSync(DATASETS.perov5, 'utf8');
  const starts = [...text.matchAll(/^\d+,\d+,"# generated/gm)].map((m) => m.index);
  return text.slice(0, starts[n]);
}

describe('crystens parse on a hostile batch', () => {
  it('refuses or warns each hostile input by name and reads the good ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const csv = perovCsv(3);
    const brokenCsv = csv.replace(/\n",([^\n]*\n\d+,\d+,"# generated)/, '\n,$1'); // row 1 loses its closing quote
    const t = (i: number, k: number) => (((i * i * [7, 11, 13][k]!) % 10007) / 10007).toFixed(4);
    const ops = ['x,y,z', ...Array.from({ length: 9999 }, (_, i) => `-x+${t(i + 1, 0)},y+${t(i + 1, 1)},z+${t(i + 1, 2)}`)];
    const manyOps = ROCK_SALT_CIF.replaceAll('5.64', '50')
      .replace('Cl1 0.5 0.5 0.5\n', '')
      .replace("_symmetry_space_group_name_H-M 'F m -3 m'\n", `loop_\n_symmetry_equiv_pos_as_xyz\n${ops.map((o) => `'${o}'`).join('\n')}\n`);
    const paths = [
      write('good.cif', ROCK_SALT_CIF),
      write('uuo.cif', goldens.type_symbols.Uuo!.cif),
      write('tag.cif', goldens.type_symbols['<img/src=x onerror=alert(1)>']!.cif),
      write('huge.cif', goldens.cells['length_a 1e30']!.cif),
      write('tiny.cif', goldens.cells['length_a 1e-300']!.cif),
      write('inf.cif', goldens.cells['length_a 1e308']!.cif),
      write('far.cif', goldens.cells['fract_x 1e308']!.cif),
      write('deep.cif', `#\\#CIF_2.0\n${ROCK_SALT_CIF}_deep ${'['.repeat(3000)}${']'.repeat(3000)}\n`),
      write('ops.cif', manyOps),
      write('broken.csv', brokenCsv),
      write('header.csv', perovCsv(0)),
    ];
    let stdout = '';
    const status = await main(['parse', ...paths, '--json'], (s) => (stdout += `${s}\n`), () => {});
    expect(status).toBe(0);
    const entries = JSON.parse(stdout) as { source: string; ok: boolean; error?: string; warnings: string[] }[];
    const at = (name: string) => entries.filter((e) => e.source.startsWith(join(dir, name)));
    const error = (name: string) => at(name)[0]!.error!.slice(join(dir, name).length);

    expect(at('good.cif')[0]).toMatchObject({ ok: true });
    expect(error('uuo.cif')).toMatch(/^#case: line 19: site S1: type symbol 'Uuo' is neither an element symbol/);
    expect(error('tag.cif')).toMatch(/^#case: line 19: site S1: type symbol '<img\/src=x onerror=alert\(1\)>' is neither/);
    expect(error('huge.cif')).toBe("#case: line 2: _cell_length_a = 1e30 Å is outside the 0.1–1,000 Å a crystal's cell length can be");
    expect(error('tiny.cif')).toBe("#case: line 2: _cell_length_a = 1e-300 Å is outside the 0.1–1,000 Å a crystal's cell length can be");
    expect(error('inf.cif')).toBe("#case: line 2: _cell_length_a = 1e308 Å is outside the 0.1–1,000 Å a crystal's cell length can be");
    expect(error('far.cif')).toMatch(/^#case: line 19: site S1: _atom_site_fract_x = 1e308 lies more than 1,000 cells from the origin/);
    expect(error('deep.cif')).toBe('#NaCl: line 17: lists and tables nested more than 64 deep');
    const [opsEntry] = at('ops.cif');
    expect(opsEntry!.ok).toBe(true);
    expect(opsEntry!.warnings.some((w) => w.startsWith('the 10,000 symmetry operations listed under _symmetry_equiv_pos_as_xyz from line 10 do not form a group'))).toBe(true);
    const csvEntries = at('broken.csv');
    expect(csvEntries.map((e) => e.ok)).toEqual([false, true, true]);
    expect(csvEntries[0]!.error).toMatch(/^.*broken\.csv:1: the row on line 2 has .* after the closing quote of a field opened on line 2; lines 2–\d+ were skipped as this row$/);
    expect(at('header.csv')).toEqual([{ source: join(dir, 'header.csv'), ok: false, error: `${join(dir, 'header.csv')}: a CSV with a header and no rows: no crystals in it`, warnings: [] }]);
  });
});
