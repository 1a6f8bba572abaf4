/**
 * The batch importer: files (CIF, mCIF, zip archives of them, CDVAE-style CSV) → one entry per data block or CSV
 * row. Errors are values: one bad file never stops the others.
 */
import { unzipSync } from 'fflate';
import { readCif } from '../cif/read';
import { DEFAULT_SYMPREC } from '../symmetry/moyo';
import { parseCsv } from './csv';
import { decodeText } from './text';
import type { IngestEntry, IngestOptions, InputFile } from './types';

/** A zip whose contents would unpack beyond this is refused (a zip bomb, or not a dataset for a browser tab). */
export const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;

const CIF_EXTENSIONS = ['.cif', '.mcif'];

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

function failure(source: string, error: string): IngestEntry {
  return { source, ok: false, error: `${source}: ${error}`, warnings: [] };
}

export async function ingestFiles(files: readonly InputFile[], options: IngestOptions = {}): Promise<IngestEntry[]> {
  const entries: IngestEntry[] = [];
  files.forEach((file, i) => {
    entries.push(...ingestFile(file, options.symprec ?? DEFAULT_SYMPREC));
    options.onProgress?.(i + 1, files.length);
  });
  return entries;
}

/** One file's entries; synchronous so that CLI, workers and tests share it. Never throws. */
export function ingestFile(file: InputFile, symprec = DEFAULT_SYMPREC): IngestEntry[] {
  try {
    return ingestFileUnguarded(file, symprec);
  } catch (e) {
    // A bug of ours must not cost the user the rest of the batch.
    return [failure(file.name, `could not be read (internal error: ${e instanceof Error ? e.message : String(e)})`)];
  }
}

function ingestFileUnguarded(file: InputFile, symprec: number): IngestEntry[] {
  const ext = extension(file.name);
  if (ext === '.zip') return ingestZip(file, symprec);
  if (ext === '.csv') return ingestCsv(file, symprec);
  if (!CIF_EXTENSIONS.includes(ext) && !looksLikeCif(file.bytes)) {
    return [failure(file.name, `not a CIF, zip or CSV file (by its name and its content)`)];
  }
  const decoded = decodeText(file.bytes);
  if (!decoded.ok) return [failure(file.name, decoded.error)];
  return readCif(decoded.text, file.name, symprec).map((r) =>
    decoded.warnings.length ? { ...r, warnings: [...decoded.warnings, ...r.warnings] } : r,
  );
}

/** A CIF under another name: its first non-blank, non-comment text starts a data block. */
function looksLikeCif(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /^(\s*#.*\r?\n|\s*\r?\n)*\s*data_/i.test(head);
}

function ingestZip(file: InputFile, symprec: number): IngestEntry[] {
  let unpacked: Record<string, Uint8Array>;
  let total = 0;
  try {
    unpacked = unzipSync(file.bytes, {
      filter: (f) => {
        if (f.name.endsWith('/') || f.name.startsWith('__MACOSX/')) return false;
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new Error(`unpacks to more than ${MAX_UNZIPPED_BYTES / 1048576} MB`);
        return true;
      },
    });
  } catch (e) {
    return [failure(file.name, `not a readable zip archive (${e instanceof Error ? e.message : String(e)})`)];
  }
  const names = Object.keys(unpacked).sort();
  const entries: IngestEntry[] = [];
  for (const name of names) {
    const ext = extension(name);
    if (!CIF_EXTENSIONS.includes(ext) && ext !== '.csv') continue;
    entries.push(...ingestFile({ name: `${file.name}/${name}`, bytes: unpacked[name]! }, symprec));
  }
  if (entries.length === 0) return [failure(file.name, 'the archive holds no .cif, .mcif or .csv file')];
  return entries;
}

function ingestCsv(file: InputFile, symprec: number): IngestEntry[] {
  const decoded = decodeText(file.bytes);
  if (!decoded.ok) return [failure(file.name, decoded.error)];
  let table;
  try {
    table = parseCsv(decoded.text);
  } catch (e) {
    return [failure(file.name, `not a readable CSV (${e instanceof Error ? e.message : String(e)})`)];
  }
  const column = table.header.indexOf('cif');
  if (column < 0) return [failure(file.name, `a CSV without a 'cif' column (columns: ${table.header.join(', ')})`)];
  const idColumn = table.header.indexOf('material_id');
  const entries: IngestEntry[] = [];
  table.rows.forEach((row, i) => {
    const id = idColumn >= 0 && row[idColumn] ? ` (${row[idColumn]})` : '';
    const source = `${file.name}:${i + 1}${id}`;
    const cif = row[column];
    if (!cif) {
      entries.push(failure(source, 'empty cif cell'));
      return;
    }
    for (const r of readCif(cif, source, symprec)) {
      // A CSV row is one crystal: name it by its row, not by the data block pymatgen wrote into it.
      entries.push(r.ok ? { ...r, source, crystal: { ...r.crystal, source } } : { ...r, source });
    }
  });
  return entries;
}
