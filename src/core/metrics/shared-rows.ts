/** Test and benchmark helper: the first rows of a shared CSV data set as crystals (moyo must be initialised). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Crystal } from '../crystal';
import { ingestFile } from '../ingest/ingest';
import { SHARED_DATA } from '../testing/corpus';

/** The first `rows` records of `../shared/data/<path>` (newlines inside quoted CIFs are not record ends). */
export function firstCrystals(path: string, rows = Infinity): Crystal[] {
  const text = readFileSync(resolve(SHARED_DATA, path), 'utf8');
  let quoted = false;
  let seen = 0;
  let end = text.length;
  for (let i = 0; i < text.length && rows !== Infinity; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === '\n' && !quoted && ++seen > rows) {
      end = i + 1;
      break;
    }
  }
  return ingestFile({ name: path, bytes: new TextEncoder().encode(text.slice(0, end)) }).flatMap((e) => (e.ok ? [e.crystal] : []));
}
