/**
 * Broken CSV rows are refused alone (issue 12): the rows around them are read, with real CDVAE rows (perov_5 val)
 * as the good ones. A header-only CSV says it holds no rows.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initMoyoNode } from '../symmetry/moyo-node';
import { DATASETS } from '../testing/corpus';
import { parseCsv, readCsvRecords } from './csv';
import { ingestFile } from './ingest';

beforeAll(initMoyoNode);

/** The header and the first `n` rows of perov_5's val.csv, each row as its own text (it spans 31 lines). */
function perovRows(n: number): { header: string; rows: string[] } {
  const text = readFileSync(DATASETS.perov5, 'utf8');
  const starts = [...text.matchAll(/^\d+,\d+,"# generated/gm)].map((m) => m.index);
  const rows = starts.slice(0, n).map((s, i) => text.slice(s, starts[i + 1]));
  return { header: text.slice(0, starts[0]), rows };
}

const csvFile = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

describe('readCsvRecords', () => {
  it('refuses a record with text after a closing quote, and one with too few fields, keeping the others', () => {
    const { header, records } = readCsvRecords('a,b\n1,"x"y\n2,"z"\n3\n4,w\n');
    expect(header).toEqual(['a', 'b']);
    expect(records).toEqual([
      { line: 2, error: 'has "y" after the closing quote of a field opened on line 2' },
      { line: 3, fields: ['2', 'z'] },
      { line: 4, error: 'has 1 fields where the header has 2' },
      { line: 5, fields: ['4', 'w'] },
    ]);
  });

  it('keeps parseCsv strict for whole datasets: the first broken record throws with its line', () => {
    expect(() => parseCsv('a,b\n1,2\n3,"4\n')).toThrow('the row on line 3 has a quoted field opened on line 3 that is never closed');
  });
});

describe('a CDVAE CSV with a broken row', () => {
  it('refuses the row whose cif quote is never closed, by row and line, and reads the rows before and after it', () => {
    const { header, rows } = perovRows(5);
    // Row 3 loses the quote that closes its cif field: its cif then runs into row 4's first quote.
    const broken = rows[2]!.replace('\n",', '\n,');
    const text = header + rows[0] + rows[1] + broken + rows[3] + rows[4];
    const entries = ingestFile(csvFile('perov.csv', text));
    const start = lineOf(text, text.indexOf(broken));
    const next = lineOf(text, text.indexOf(rows[3]!));
    expect(entries.map((e) => e.ok)).toEqual([true, true, false, true, true]);
    expect(entries[2]).toMatchObject({
      source: 'perov.csv:3',
      error: `perov.csv:3: the row on line ${start} has ${JSON.stringify(rows[3]!.slice(rows[3]!.indexOf('"') + 1).slice(0, 10))} after the closing quote of a field opened on line ${start}; lines ${start}–${next - 1} were skipped as this row`,
    });
    const id = (row: string) => row.split(',')[1];
    expect(entries.filter((e) => e.ok).map((e) => e.source)).toEqual([0, 1, 3, 4].map((i) => `perov.csv:${i === 0 ? 1 : i + 1} (${id(rows[i]!)})`));
  });

  it('refuses a last row whose quote never closes, keeping every row before it', () => {
    const { header, rows } = perovRows(3);
    const text = header + rows[0] + rows[1] + rows[2]!.replace('\n",', '\n,');
    const entries = ingestFile(csvFile('cut.csv', text));
    const start = lineOf(text, text.indexOf(rows[2]!.slice(0, 20)));
    expect(entries.map((e) => e.ok)).toEqual([true, true, false]);
    expect(entries[2]!.ok || entries[2]!.error).toBe(
      `cut.csv:3: the row on line ${start} has a quoted field opened on line ${start} that is never closed; lines ${start}–${lineOf(text, text.length - 1)} were skipped as this row`,
    );
  });

  it('gives a header-only CSV an entry saying it holds no rows', () => {
    const { header } = perovRows(1);
    expect(ingestFile(csvFile('empty.csv', header))).toEqual([
      { source: 'empty.csv', ok: false, error: 'empty.csv: a CSV with a header and no rows: no crystals in it', warnings: [] },
    ]);
  });
});
