import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCif } from '../../core/cif/write';
import { STRUCTURE_FILE_TYPES, STRUCTURE_FORMATS, type StructureFormat } from '../../core/export/structure-file';
import { ingestFile } from '../../core/ingest/ingest';
import { parseArgs } from '../args';
import { listInputPaths, readInputFile, UsageError } from '../files';

/** A file name from a source such as `dir/NaCl.cif#NaCl` or `data.csv:12 (mp-1)`. */
function fileNameFor(source: string, extension: string, used: Set<string>): string {
  const base = source.replace(/^.*[\\/]/, '').replace(/\.(m?cif|csv|zip)(?=[#:]|$)/i, '').replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '') || 'crystal';
  let name = `${base}.${extension}`;
  for (let i = 2; used.has(name); i++) name = `${base}_${i}.${extension}`;
  used.add(name);
  return name;
}

export function runConvert(argv: readonly string[], out: (s: string) => void): number {
  const args = parseArgs(argv, ['out', 'format'], ['symmetrized']);
  const dir = args.options.get('out');
  if (typeof dir !== 'string') throw new UsageError('convert needs --out DIR');
  const format = (args.options.get('format') ?? 'cif') as StructureFormat;
  if (!STRUCTURE_FORMATS.includes(format)) throw new UsageError(`--format is one of ${STRUCTURE_FORMATS.join(', ')}`);
  const symmetrized = args.options.has('symmetrized');
  if (symmetrized && format !== 'cif') throw new UsageError('--symmetrized writes CIFs only');
  const type = STRUCTURE_FILE_TYPES[format];
  if (args.positional.length === 0) throw new UsageError('convert needs at least one PATH');
  const paths = listInputPaths(args.positional);
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  const written: { source: string; file: string }[] = [];
  const failed: { source: string; error: string }[] = [];
  for (const path of paths) {
    for (const entry of ingestFile(readInputFile(path))) {
      if (!entry.ok) {
        failed.push({ source: entry.source, error: entry.error });
        continue;
      }
      let text: string;
      try {
        text = symmetrized ? writeCif(entry.crystal, { symmetrized }) : type.write(entry.crystal);
      } catch (error) {
        // A disordered crystal in a format of whole atoms: this one is refused, the rest go on.
        if (!(error instanceof RangeError)) throw error;
        failed.push({ source: entry.source, error: error.message });
        continue;
      }
      const file = join(dir, fileNameFor(entry.source, type.extension, used));
      writeFileSync(file, text);
      written.push({ source: entry.source, file });
    }
  }
  out(JSON.stringify({ written, failed }, null, 1));
  return 0;
}
