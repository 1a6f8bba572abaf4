/**
 * Reading a zip archive with bounded work: every byte inflated is counted as it comes out of the inflater, and an
 * entry stops the moment it passes its cap. The sizes an archive declares for its entries are never trusted (a
 * zip bomb declares whatever it likes). One entry refused does not cost the others: each entry is its own outcome.
 *
 * fflate's streaming Unzip walks the local headers; the decoders registered here replace its own so that inflation
 * happens a slice at a time and can stop between slices.
 */
import { type FlateError, Inflate, Unzip, type UnzipDecoder, type UnzipFile } from 'fflate';

export interface ZipLimits {
  /** The most one entry may inflate to. */
  readonly maxEntryBytes: number;
  /** The most all entries together may inflate to (nested archives count against their outer archive's total). */
  readonly maxArchiveBytes: number;
  /** The most entries (folders included) one archive may hold; those past it are not read. */
  readonly maxEntries: number;
}

/**
 * What the caller wants done with an entry, by its name: read it (under the per-entry cap, or a lower one of its
 * own), leave it out silently, or list it as skipped with a reason (without inflating it).
 */
export type EntryChoice = 'read' | { readonly readUpTo: number } | 'ignore' | { readonly skip: string };

/** One entry's outcome: its bytes, or why it was not read. */
export type ZipEntry =
  | { readonly name: string; readonly bytes: Uint8Array }
  | { readonly name: string; readonly skipped: string };

/** The running count of bytes inflated against the limits; shared by an archive and the archives inside it. */
export class InflationBudget {
  inflated = 0;
  constructor(readonly limits: ZipLimits) {}
  get exhausted(): boolean {
    return this.inflated >= this.limits.maxArchiveBytes;
  }
}

/**
 * Compressed input is handed to the inflater this many bytes at a time. Deflate expands at most ~1032:1, so one
 * slice yields at most ~4 MB: the count is checked between slices, and an entry stops within that of its cap.
 * Smaller slices cost more per byte (fflate copies its 32 kB window on every push).
 */
const INFLATE_SLICE = 4096;

/**
 * The archive is pushed into the unzipper this much at a time: finished entries are yielded as they come, and
 * fflate's unzipper recurses once per entry within a push (a local header is at least 30 bytes, so at most ~550
 * entries a push: far from the stack's limit, which 1 MB pushes of tiny entries reach).
 */
const PUSH_BYTES = 16384;

const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const capText = (bytes: number) => `${bytes / 1048576} MB`;

/** The entry being inflated now; its decoder stops feeding the inflater once `stopped` is set. */
interface Reading {
  readonly name: string;
  readonly cap: number;
  readonly chunks: Uint8Array[];
  size: number;
  stopped: boolean;
}

/**
 * The entries of a zip archive in the order they are stored, each as soon as it is inflated (directories left
 * out). A corrupt or cut-short entry is that entry's outcome. Throws, after yielding every entry before that
 * point, when the archive as a whole fails: not a zip, more entries than the limit, or cut short outside an entry
 * being read.
 */
export function* readZip(bytes: Uint8Array, choose: (name: string) => EntryChoice, budget: InflationBudget): Generator<ZipEntry> {
  const { maxEntryBytes, maxArchiveBytes, maxEntries } = budget.limits;
  const finished: ZipEntry[] = [];
  let reading: Reading | undefined;
  let seen = 0;

  const settle = (entry: ZipEntry) => {
    finished.push(entry);
    reading!.stopped = true;
    reading = undefined;
  };

  const received = (error: Error | null, data: Uint8Array, final: boolean) => {
    const r = reading;
    if (!r || r.stopped) return;
    if (error) return settle({ name: r.name, skipped: `not readable (${error.message})` });
    r.size += data.length;
    budget.inflated += data.length;
    if (r.size > r.cap) {
      return settle({ name: r.name, skipped: `inflates to more than ${capText(r.cap)}, the most this entry may hold; stopped after ${megabytes(r.size)}` });
    }
    if (budget.inflated > maxArchiveBytes) {
      return settle({ name: r.name, skipped: `the archive inflates to more than ${capText(maxArchiveBytes)} in all; stopped in this entry` });
    }
    if (data.length) r.chunks.push(data);
    if (final) settle({ name: r.name, bytes: concatenate(r.chunks, r.size) });
  };

  /** Deflate, fed a slice at a time and abandoned once its entry is settled. */
  class SlicedInflate implements UnzipDecoder {
    static readonly compression = 8;
    ondata: UnzipDecoder['ondata'] = () => {};
    private readonly entry = reading!;
    private readonly inflater = new Inflate((data, final) => this.ondata(null, data, final));
    push(chunk: Uint8Array, final: boolean) {
      try {
        for (let at = 0; at < chunk.length || (final && at === 0); at += INFLATE_SLICE) {
          if (this.entry.stopped) return;
          const end = Math.min(at + INFLATE_SLICE, chunk.length);
          this.inflater.push(chunk.subarray(at, end), final && end === chunk.length);
        }
      } catch (e) {
        // fflate's inflater throws FlateErrors (corrupt data); the code is not needed, only the message.
        this.ondata(e as FlateError, new Uint8Array(), true);
      }
    }
  }

  /** Stored entries count against the caps as well: the archive's bytes are as big as they are. */
  class CountedStore implements UnzipDecoder {
    static readonly compression = 0;
    ondata: UnzipDecoder['ondata'] = () => {};
    push(chunk: Uint8Array, final: boolean) {
      // A copy: the caller's archive buffer may be transferred or reused, and an entry must own its bytes.
      this.ondata(null, chunk.slice(), final);
    }
  }

  const unzip = new Unzip((file: UnzipFile) => {
    if (++seen > maxEntries) return;
    const name = file.name;
    if (name.endsWith('/')) return; // a folder, not a file
    const choice = choose(name);
    if (choice === 'ignore') return;
    if (typeof choice === 'object' && 'skip' in choice) return void finished.push({ name, skipped: choice.skip });
    if (budget.exhausted) return void finished.push({ name, skipped: `not read: the archive already inflated to its ${capText(maxArchiveBytes)} cap` });
    if (file.compression !== 0 && file.compression !== 8) {
      return void finished.push({ name, skipped: `compressed with method ${file.compression}; only stored and deflated entries are read` });
    }
    const cap = choice === 'read' ? maxEntryBytes : Math.min(choice.readUpTo, maxEntryBytes);
    reading = { name, cap, chunks: [], size: 0, stopped: false };
    file.ondata = received;
    file.start();
  });
  unzip.register(SlicedInflate);
  unzip.register(CountedStore);

  for (let at = 0; at < bytes.length || at === 0; at += PUSH_BYTES) {
    const end = Math.min(at + PUSH_BYTES, bytes.length);
    try {
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    } catch (e) {
      // fflate throws when the archive ends inside an entry: that entry is lost, the ones before it are not.
      const why = e instanceof Error ? e.message : String(e);
      const inside = reading?.name;
      if (reading) settle({ name: reading.name, skipped: `not readable (the archive ends inside it: ${why})` });
      yield* finished.splice(0);
      if (inside === undefined) throw new Error(seen === 0 ? `not a zip archive (${why})` : `the archive is cut short inside an entry that was not read (${why})`, { cause: e });
      return;
    }
    yield* finished.splice(0);
    if (seen > maxEntries) throw new Error(`holds more than ${maxEntries} entries; those after the ${maxEntries}th are not read`);
  }
  if (seen === 0 && !isEmptyZip(bytes)) throw new Error('not a zip archive (no entry found)');
}

/** An archive with no entries is only its end-of-central-directory record (signature PK\5\6). */
function isEmptyZip(bytes: Uint8Array): boolean {
  return bytes.length >= 22 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 5 && bytes[3] === 6;
}

function concatenate(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
