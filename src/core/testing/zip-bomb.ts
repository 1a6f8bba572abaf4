/**
 * Hostile archives for tests and benchmarks, built in memory: entries of zeros compress ~1000:1, so a 1.5 GB
 * bomb is a 1.5 MB zip, built without ever holding it inflated.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { Zip, ZipDeflate, type ZipInputFile } from 'fflate';

export type BombEntry = { readonly name: string; readonly bytes: Uint8Array } | { readonly name: string; readonly zeros: number };

const CHUNK = 1 << 20;
const ZEROS = new Uint8Array(CHUNK);
/**
 * Zeros deflated and flushed without a final block: a run of blocks that refers to nothing before it, so copies
 * of it in a row are a valid deflate stream of that many runs (compressing 1.5 GB takes minutes; this, none).
 */
const deflatedZeros = (n: number) => deflateRawSync(ZEROS.subarray(0, n), { finishFlush: constants.Z_SYNC_FLUSH });
const DEFLATED_CHUNK = deflatedZeros(CHUNK);
const FINAL_EMPTY_BLOCK = deflateRawSync(new Uint8Array(0));

/** An entry of `count` zeros, its deflate stream pushed a chunk at a time. */
function addZeros(zip: Zip, filename: string, count: number): void {
  let crc = 0;
  for (let left = count; left > 0; left -= CHUNK) crc = crc32(ZEROS.subarray(0, Math.min(left, CHUNK)), crc);
  const file: ZipInputFile = { filename, compression: 8, size: count, crc };
  zip.add(file);
  for (let left = count; left > 0; left -= CHUNK) file.ondata!(null, left >= CHUNK ? DEFLATED_CHUNK : deflatedZeros(left), false);
  file.ondata!(null, FINAL_EMPTY_BLOCK, true);
}

/**
 * A zip written as streaming zippers write one: each entry's sizes follow its data (a data descriptor) rather than
 * preceding it, so a reader cannot know them before inflating.
 */
export function streamedZip(entries: readonly BombEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    parts.push(data);
  });
  for (const entry of entries) {
    if ('zeros' in entry) {
      addZeros(zip, entry.name, entry.zeros);
      continue;
    }
    const file = new ZipDeflate(entry.name, { level: 9 });
    zip.add(file);
    file.push(entry.bytes, true);
  }
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;

/**
 * The archive with every entry's declared inflated size rewritten (in its local header and the central directory):
 * the lie a bomb tells a reader that trusts it. For archives with sizes up front (fflate's zipSync), not streamed ones.
 */
export function declaringSize(zip: Uint8Array, declared: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 4 <= out.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === LOCAL_HEADER) view.setUint32(at + 22, declared, true);
    else if (signature === CENTRAL_HEADER) view.setUint32(at + 24, declared, true);
  }
  return out;
}

/** The archive with every entry's compression method rewritten (local header and central directory). */
export function withMethod(zip: Uint8Array, method: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 4 <= out.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === LOCAL_HEADER) view.setUint16(at + 8, method, true);
    else if (signature === CENTRAL_HEADER) view.setUint16(at + 10, method, true);
  }
  return out;
}
