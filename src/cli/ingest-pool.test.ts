/**
 * The CLI's ingest pool gives exactly the entries a single thread gives, in the same order, for a CSV large
 * enough to be shared out (with a broken row and an empty cell among its rows) between files read in this thread.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../core/ingest/csv';
import { ingestFile } from '../core/ingest/ingest';
import type { IngestEntry } from '../core/ingest/types';
import { initMoyoNode } from '../core/symmetry/moyo-node';
import { CIF_CORPUS, DATASETS } from '../core/testing/corpus';
import { UsageError } from './files';
import { readInputs } from './ingest-pool';

const ROWS = 300;
let paths: string[];

/** perov_5's header and first ROWS rows, row 100's CIF emptied and a line with an unclosed quote after row 200. */
function datasetExcerpt(dir: string): string {
  const table = parseCsv(readFileSync(DATASETS.perov5, 'utf8'));
  const cif = table.header.indexOf('cif');
  const quote = (field: string) => `"${field.replace(/"/g, '""')}"`;
  const rows = table.rows.slice(0, ROWS).map((fields, i) => fields.map((f, k) => (k === cif && i === 99 ? '' : quote(f))).join(','));
  rows.splice(200, 0, '9999,"never closed');
  const path = join(dir, 'perov_5-excerpt.csv');
  writeFileSync(path, [table.header.join(','), ...rows].join('\n'));
  return path;
}

async function collect(threads: number): Promise<IngestEntry[]> {
  const entries: IngestEntry[] = [];
  for await (const piece of readInputs(paths, threads)) entries.push(...piece);
  return entries;
}

describe('readInputs', () => {
  beforeAll(async () => {
    await initMoyoNode();
    const dir = mkdtempSync(join(tmpdir(), 'ingest-pool-'));
    paths = [resolve(CIF_CORPUS, 'pymatgen__Li2O.cif'), datasetExcerpt(dir), resolve(CIF_CORPUS, 'codtools__1001012-no-cell.cif')];
  });

  it('reads a large CSV on worker threads into the entries, and the order, of one thread', async () => {
    const single = await collect(1);
    const shared = await collect(2);
    expect(shared).toEqual(single);
    expect(single).toEqual(paths.flatMap((p) => ingestFile({ name: p, bytes: readFileSync(p) })));
    // Li2O, then the excerpt's rows (the emptied one and the broken line refused), then the file without a cell.
    expect(single[0]).toMatchObject({ ok: true, source: expect.stringContaining('Li2O') });
    expect(single.at(-1)).toMatchObject({ ok: false, error: expect.stringContaining('no cell') });
    expect(single.filter((e) => !e.ok && e.source.includes('excerpt')).map((e) => (e.ok ? '' : e.error))).toEqual([
      expect.stringContaining('empty cif cell'),
      expect.stringMatching(/row on line \d+/),
    ]);
    expect(single.filter((e) => e.ok && e.source.includes('excerpt')).length).toBe(ROWS - 1);
  }, 120_000);

  it('yields the pieces before an unreadable path, then refuses it', async () => {
    const pieces: IngestEntry[][] = [];
    const read = async () => {
      for await (const piece of readInputs([paths[0]!, '/no/such/file.cif'], 2)) pieces.push(piece);
    };
    await expect(read()).rejects.toThrow(UsageError);
    expect(pieces).toHaveLength(1);
  });
});
