/** Command-line paths → input files: CIFs, zips and CSVs, folders searched recursively. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { InputFile } from '../core/ingest/types';

const INGESTIBLE = new Set(['.cif', '.mcif', '.zip', '.csv']);

export class UsageError extends Error {}

/** Lists the files under each path; throws UsageError for a path that does not exist or cannot be read. */
export function listInputPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (INGESTIBLE.has(extname(name).toLowerCase())) out.push(path);
    }
  };
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new UsageError(`cannot read ${path}: no such file or folder`);
    }
    if (stat.isDirectory()) walk(path);
    else out.push(path);
  }
  return out;
}

export function readInputFile(path: string): InputFile {
  try {
    return { name: path, bytes: readFileSync(path) };
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
