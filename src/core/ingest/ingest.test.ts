import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { composition, positionCount } from '../crystal';
import { initMoyoNode } from '../symmetry/moyo-node';
import { CIF_CORPUS, DATASETS } from '../testing/corpus';
import { streamedZip } from '../testing/zip-bomb';
import { parseCsv } from './csv';
import { ingestFile, ingestFiles } from './ingest';

const corpusFile = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(resolve(CIF_CORPUS, name))) });
const text = (s: string) => new TextEncoder().encode(s);

describe('parseCsv', () => {
  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const t = parseCsv('a,b,c\r\n1,"x, ""y""\nz",\n2,,last\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([['1', 'x, "y"\nz', ''], ['2', '', 'last']]);
  });
  it('says where an unclosed quote opened', () => {
    expect(() => parseCsv('a\n"oops')).toThrow(/never closed/);
  });
});

describe('ingestFiles', () => {
  beforeAll(initMoyoNode);

  it('reads a CDVAE CSV: one crystal per row, named by file, row and material id', () => {
    const entries = ingestFile({ name: 'perov.csv', bytes: readFileSync(DATASETS.perov5) });
    expect(entries).toHaveLength(3787);
    expect(entries.every((e) => e.ok)).toBe(true);
    const first = entries[0]!;
    expect(first.source).toMatch(/^perov\.csv:1 \(\d+\)$/);
    if (first.ok) expect(positionCount(first.crystal)).toBe(5);
  });

  it('reads the MP-20-format CSV of Con-CDVAE with its space-group column agreeing', () => {
    const bytes = readFileSync(DATASETS.mptest);
    const table = parseCsv(bytes.toString('utf8'));
    const sgColumn = table.header.indexOf('spacegroup.number');
    const entries = ingestFile({ name: 'mp.csv', bytes });
    expect(entries).toHaveLength(table.rows.length);
    // Materials Project's numbers are spglib's; moyo (whose angle tolerance is stricter than spglib's and not
    // adjustable through moyo-wasm) sees only Pm in mp-1225295, whose α is 90.079°; it finds Pmm2 from 0.02 Å.
    const differing = entries.flatMap((e, i) =>
      e.ok && e.crystal.spaceGroup.detected !== Number(table.rows[i]![sgColumn]) ? [e.source] : [],
    );
    expect(entries.every((e) => e.ok)).toBe(true);
    expect(differing).toEqual(['mp.csv:18 (mp-1225295)']);
  });

  it('reads CIFs and CSVs inside a zip, folders included, and names them by their path in it', async () => {
    const zip = zipSync({
      'set/LiFePO4.cif': readFileSync(resolve(CIF_CORPUS, 'pymatgen__LiFePO4.cif')),
      'set/deeper/broken.cif': text('data_x\n_cell_length_a 3\n'),
      'notes.txt': text('ignored'),
    });
    const entries = await ingestFiles([{ name: 'batch.zip', bytes: zip }]);
    expect(entries.map((e) => [e.source.replace(/#.*/, ''), e.ok ? 'ok' : e.error])).toEqual([
      ['batch.zip/set/LiFePO4.cif', 'ok'],
      ['batch.zip/set/deeper/broken.cif', expect.stringMatching(/^batch\.zip\/set\/deeper\/broken\.cif#x: /)],
      ['batch.zip/notes.txt', 'batch.zip/notes.txt: not read: not a .cif, .mcif, .csv or .zip file'],
    ]);
  });

  it('gives every bad input a message naming the file, and keeps the good ones', async () => {
    const progress: number[] = [];
    const entries = await ingestFiles(
      [
        corpusFile('pymatgen__Li2O.cif'),
        { name: 'image.cif', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) },
        { name: 'empty.cif', bytes: new Uint8Array() },
        { name: 'notes.txt', bytes: text('hello') },
        { name: 'fake.zip', bytes: text('not a zip') },
        { name: 'table.csv', bytes: text('a,b\n1,2\n') },
        corpusFile('codtools__1001012-no-cell.cif'),
      ],
      { onProgress: (done) => progress.push(done) },
    );
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const [good, ...bad] = entries;
    expect(good!.ok && composition(good!.crystal)).toEqual({ Li: 8, O: 4 });
    const errors = bad.map((e) => (e.ok ? 'ok' : e.error));
    expect(errors).toEqual([
      'image.cif: a binary file, not text (it contains NUL bytes)',
      'empty.cif: no data_ block: this is not a CIF',
      'notes.txt: not a CIF, zip or CSV file (by its name and its content)',
      'fake.zip: not a zip archive (no entry found)',
      "table.csv: a CSV without a 'cif' column (columns: a, b)",
      'codtools__1001012-no-cell.cif#1001012: no cell: _cell_length_a is missing',
    ]);
  });

  describe('archives', () => {
    const MB = 1048576;
    const li2o = readFileSync(resolve(CIF_CORPUS, 'pymatgen__Li2O.cif'));
    const zipLimits = { maxEntryBytes: 2 * MB, maxArchiveBytes: 6 * MB, maxEntries: 100 };
    const outcomes = (entries: readonly { source: string; ok: boolean; error?: string }[]) =>
      entries.map((e) => [e.source.replace(/#.*/, ''), e.ok ? 'ok' : e.error]);

    it('refuses a bomb by the bytes it inflates, naming archive and entry, and keeps the good CIF beside it', async () => {
      const bomb = streamedZip([{ name: 'bomb.cif', zeros: 80 * MB }, { name: 'Li2O.cif', bytes: li2o }]);
      const entries = ingestFile({ name: 'data.zip', bytes: bomb }); // the studio's own caps: 64 MB an entry
      expect(outcomes(entries)).toEqual([
        ['data.zip/bomb.cif', expect.stringMatching(/^data\.zip\/bomb\.cif: inflates to more than 64 MB, the most this entry may hold; stopped after 6[4-8]\.\d MB$/)],
        ['data.zip/Li2O.cif', 'ok'],
      ]);
      expect(entries[1]!.ok && composition(entries[1]!.crystal)).toEqual({ Li: 8, O: 4 });
    });

    it('reads a zip inside a zip, one level deep, and lists a deeper one as skipped', async () => {
      const deeper = zipSync({ 'Li2O.cif': li2o });
      const inner = zipSync({ 'Li2O.cif': li2o, 'deeper.zip': deeper, 'README.md': text('hi') });
      const outer = zipSync({ 'inner.zip': inner, 'top.cif': li2o, '__MACOSX/._top.cif': text('fork') });
      expect(outcomes(await ingestFiles([{ name: 'outer.zip', bytes: outer }]))).toEqual([
        ['outer.zip/inner.zip/Li2O.cif', 'ok'],
        ['outer.zip/inner.zip/deeper.zip', 'outer.zip/inner.zip/deeper.zip: an archive nested more than 1 deep is not read'],
        ['outer.zip/inner.zip/README.md', 'outer.zip/inner.zip/README.md: not read: not a .cif, .mcif, .csv or .zip file'],
        ['outer.zip/top.cif', 'ok'],
      ]);
    });

    it('counts a nested archive against its outer archive, listing what it could no longer read', async () => {
      const blank = new Uint8Array(1.9 * MB).fill(32);
      const inner = zipSync({ 'a.cif': blank, 'b.cif': blank, 'c.cif': blank, 'Li2O.cif': li2o });
      const outer = zipSync({ 'first.csv': text('x\n'.repeat(0.95 * MB)), 'inner.zip': inner });
      expect(outcomes(await ingestFiles([{ name: 'outer.zip', bytes: outer }], { zipLimits }))).toEqual([
        ['outer.zip/first.csv', "outer.zip/first.csv: a CSV without a 'cif' column (columns: x)"],
        ['outer.zip/inner.zip/a.cif', 'outer.zip/inner.zip/a.cif: no data_ block: this is not a CIF'],
        ['outer.zip/inner.zip/b.cif', 'outer.zip/inner.zip/b.cif: no data_ block: this is not a CIF'],
        ['outer.zip/inner.zip/c.cif', 'outer.zip/inner.zip/c.cif: the archive inflates to more than 6 MB in all; stopped in this entry'],
        ['outer.zip/inner.zip/Li2O.cif', 'outer.zip/inner.zip/Li2O.cif: not read: the archive already inflated to its 6 MB cap'],
      ]);
    });

    it('keeps the entries of an archive that is cut short, and says so', () => {
      const zip = zipSync({ 'Li2O.cif': li2o, 'notes.cif': text('x'.repeat(50_000)) }, { level: 0 });
      expect(outcomes(ingestFile({ name: 'cut.zip', bytes: zip.subarray(0, li2o.length + 2000) }))).toEqual([
        ['cut.zip/Li2O.cif', 'ok'],
        ['cut.zip/notes.cif', expect.stringMatching(/^cut\.zip\/notes\.cif: not readable \(the archive ends inside it/)],
      ]);
    });
  });

  it('refuses huge files by their size, before reading them', () => {
    const huge = new Uint8Array(65 * 1024 * 1024).fill(32);
    expect(ingestFile({ name: 'huge.cif', bytes: huge })[0]).toMatchObject({ ok: false, error: expect.stringMatching(/^huge\.cif: too large/) });
  });

  it('reports partial occupancy per site and a declared space group that the structure contradicts', () => {
    const [entry] = ingestFile(corpusFile('pymatgen__site_type_symbol_test.cif'));
    expect(entry!.warnings.join('\n')).toMatch(/partial occupancy at 1 site \(Ge\)/);
  });
});
