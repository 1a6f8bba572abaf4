/**
 * Hostile archives for tests and benchmarks, built in memory: entries of zeros compress ~1000:1, so a 1.5 GB
 * bomb is a 1.5 MB zip. They are compressed a megabyte at a time and never held inflated.
 */
import { Zip, ZipDeflate } from 'fflate';

export type BombEntry = { readonly name: string; readonly bytes: Uint8Array } | { readonly name: string; readonly zeros: number };

const CHUNK = 1 << 20;

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
  const zeros = new Uint8Array(CHUNK);
  for (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: 9 });
    zip.add(file);
    if ('bytes' in entry) {
      file.push(entry.bytes, true);
      continue;
    }
    let left = entry.zeros;
    do {
      const n = Math.min(left, CHUNK);
      left -= n;
      file.push(zeros.subarray(0, n), left === 0);
    } while (left > 0);
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
