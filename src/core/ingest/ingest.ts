/**
 * The batch importer: files (CIF, mCIF, zip archives of them, CDVAE-style CSV) → one entry per data block or CSV
 * row. Errors are values: one bad file never stops the others.
 */
import { readCif } from '../cif/read';
import { DEFAULT_SYMPREC } from '../symmetry/moyo';
import { type EntryChoice, InflationBudget, readZip, type ZipLimits } from '../zip/read';
import { readCsvRecords } from './csv';
import { decodeText, MAX_TEXT_BYTES } from './text';
import type { IngestEntry, IngestOptions, InputFile } from './types';

/**
 * What one dropped archive may inflate to, counted while inflating. Entries are parsed one at a time as they
 * inflate and then let go, so these bound the work a hostile archive causes and the largest single buffer, not
 * the sum held at once.
 */
export const INGEST_ZIP_LIMITS: ZipLimits = {
  // Nothing larger is read as text anyway (decodeText refuses it), so inflating further would be wasted.
  maxEntryBytes: MAX_TEXT_BYTES,
  // perov_5's val.csv holds 3,787 crystals in 3.7 MB: 256 MB is ~250,000 such crystals, more than a tab trains on.
  maxArchiveBytes: 256 * 1024 * 1024,
  // fflate's unzipper slows with the square of the entry count (25,000 tiny entries take 0.8 s, 100,000 take 8 s);
  // MP-20's 45,231 crystals as one CIF each still fit.
  maxEntries: 50_000,
};

/** A zip inside a dropped zip is read; one inside that is listed as skipped. */
const MAX_ARCHIVE_DEPTH = 1;

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
    entries.push(...ingestFile(file, options.symprec ?? DEFAULT_SYMPREC, options.zipLimits ?? INGEST_ZIP_LIMITS));
    options.onProgress?.(i + 1, files.length);
  });
  return entries;
}

/**
 * A part of an input file that reads on its own: one CSV row (a CDVAE dataset's crystals are its rows), or a whole
 * file (a CIF's data blocks share its text, an archive's entries its inflation budget), or a refusal already
 * decided while splitting (a broken CSV row). Plain data, so that units can go to worker threads.
 */
export type IngestUnit =
  | { readonly kind: 'file'; readonly file: InputFile }
  | { readonly kind: 'row'; readonly source: string; readonly cif: string }
  | { readonly kind: 'refused'; readonly entry: IngestEntry };

/** One file's entries; synchronous so that CLI, workers and tests share it. Never throws. */
export function ingestFile(file: InputFile, symprec = DEFAULT_SYMPREC, zipLimits = INGEST_ZIP_LIMITS): IngestEntry[] {
  return splitFile(file).flatMap((unit) => readUnit(unit, symprec, zipLimits));
}

/** A file's units in reading order: a CSV's rows, any other file whole. Never throws. */
export function splitFile(file: InputFile): IngestUnit[] {
  try {
    return extension(file.name) === '.csv' ? splitCsv(file) : [{ kind: 'file', file }];
  } catch (e) {
    return [{ kind: 'refused', entry: internalError(file.name, e) }];
  }
}

/** A unit's entries. Never throws. */
export function readUnit(unit: IngestUnit, symprec = DEFAULT_SYMPREC, zipLimits = INGEST_ZIP_LIMITS): IngestEntry[] {
  try {
    switch (unit.kind) {
      case 'refused':
        return [unit.entry];
      case 'row':
        return readCsvRow(unit.source, unit.cif, symprec);
      case 'file':
        return readWholeFile(unit.file, symprec, zipLimits);
    }
  } catch (e) {
    return [internalError(unit.kind === 'file' ? unit.file.name : unit.kind === 'row' ? unit.source : unit.entry.source, e)];
  }
}

/** A bug of ours must not cost the user the rest of the batch. */
function internalError(source: string, e: unknown): IngestEntry {
  return failure(source, `could not be read (internal error: ${e instanceof Error ? e.message : String(e)})`);
}

function readWholeFile(file: InputFile, symprec: number, zipLimits: ZipLimits): IngestEntry[] {
  const ext = extension(file.name);
  if (ext === '.zip') return ingestArchive(file, new InflationBudget(zipLimits), 0, symprec);
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

/**
 * Every entry of an archive, by its path inside it (`outer.zip/inner.zip/file.cif` for a nested one): the crystals
 * of those read, and why each of the others was not. Nested archives spend their outer archive's budget.
 */
function ingestArchive(archive: InputFile, budget: InflationBudget, depth: number, symprec: number): IngestEntry[] {
  const entries: IngestEntry[] = [];
  let read = 0;
  try {
    for (const entry of readZip(archive.bytes, (name) => chooseEntry(name, depth), budget)) {
      const name = `${archive.name}/${entry.name}`;
      if ('skipped' in entry) {
        entries.push(failure(name, entry.skipped));
        continue;
      }
      read++;
      const inner = { name, bytes: entry.bytes };
      entries.push(...(extension(name) === '.zip' ? ingestArchive(inner, budget, depth + 1, symprec) : ingestFile(inner, symprec)));
    }
  } catch (e) {
    // The archive itself failed (not a zip, cut short, too many entries); what was read before that stands.
    entries.push(failure(archive.name, e instanceof Error ? e.message : String(e)));
  }
  if (read === 0 && entries.length === 0) return [failure(archive.name, 'the archive holds no .cif, .mcif, .csv or .zip file')];
  return entries;
}

function chooseEntry(name: string, depth: number): EntryChoice {
  // Finder's resource forks and folder settings: written by the zipper, not files the researcher put there.
  if (name.startsWith('__MACOSX/') || name.endsWith('.DS_Store')) return 'ignore';
  const ext = extension(name);
  if (CIF_EXTENSIONS.includes(ext) || ext === '.csv') return 'read';
  if (ext === '.zip') {
    return depth < MAX_ARCHIVE_DEPTH ? 'read' : { skip: `an archive nested more than ${MAX_ARCHIVE_DEPTH} deep is not read` };
  }
  return { skip: 'not read: not a .cif, .mcif, .csv or .zip file' };
}

function splitCsv(file: InputFile): IngestUnit[] {
  const refused = (source: string, error: string): IngestUnit => ({ kind: 'refused', entry: failure(source, error) });
  const decoded = decodeText(file.bytes);
  if (!decoded.ok) return [refused(file.name, decoded.error)];
  let table;
  try {
    table = readCsvRecords(decoded.text);
  } catch (e) {
    return [refused(file.name, `not a readable CSV (${e instanceof Error ? e.message : String(e)})`)];
  }
  const column = table.header.indexOf('cif');
  if (column < 0) return [refused(file.name, `a CSV without a 'cif' column (columns: ${table.header.join(', ')})`)];
  if (table.records.length === 0) return [refused(file.name, 'a CSV with a header and no rows: no crystals in it')];
  const idColumn = table.header.indexOf('material_id');
  return table.records.map((row, i): IngestUnit => {
    if ('error' in row) return refused(`${file.name}:${i + 1}`, `the row on line ${row.line} ${row.error}`);
    const id = idColumn >= 0 && row.fields[idColumn] ? ` (${row.fields[idColumn]})` : '';
    const source = `${file.name}:${i + 1}${id}`;
    const cif = row.fields[column];
    return cif ? { kind: 'row', source, cif } : refused(source, 'empty cif cell');
  });
}

function readCsvRow(source: string, cif: string, symprec: number): IngestEntry[] {
  // A CSV row is one crystal: name it by its row, not by the data block pymatgen wrote into it.
  return readCif(cif, source, symprec).map((r) => (r.ok ? { ...r, source, crystal: { ...r.crystal, source } } : { ...r, source }));
}
