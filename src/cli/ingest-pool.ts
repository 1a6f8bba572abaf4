/**
 * The CLI reads its input files with every core: a file's units (core/ingest/ingest.ts splitFile: a CSV's rows,
 * any other file whole) go in chunks to worker threads (ingest-worker.ts), and the entries come back in input
 * order, each file's as soon as they are ready. Small inputs stay in this thread: starting a worker (its modules
 * and moyo's WebAssembly) costs more than reading a few dozen CIFs.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type IngestUnit, readUnit, splitFile } from '../core/ingest/ingest';
import type { IngestEntry } from '../core/ingest/types';
import { DEFAULT_SYMPREC } from '../core/symmetry/moyo';
import { readInputFile } from './files';

/** What a worker is asked to read. */
export interface IngestTask {
  readonly id: number;
  readonly units: readonly IngestUnit[];
  readonly symprec: number;
}

interface IngestAnswer {
  readonly id: number;
  readonly entries: IngestEntry[];
}

/** Units per task: small enough to share a CSV's rows evenly, large enough that messages cost little. */
const CHUNK_UNITS = 64;
/** A file with fewer units is read in this thread. */
const PARALLEL_MIN_UNITS = 2 * CHUNK_UNITS;
/** Threads used unless told otherwise: the machine's cores, up to 8 (beyond, a dataset's parse gains little). */
export const DEFAULT_THREADS = Math.max(1, Math.min(availableParallelism(), 8));

/**
 * The worker's module next to this one: the bundle's .mjs, or under tsx (tests) the .ts source, which a worker
 * loads after registering tsx itself (workers do not inherit the parent's loader).
 */
function startWorker(): Worker {
  const source = new URL(`./ingest-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.mjs'}`, import.meta.url);
  if (!source.pathname.endsWith('.ts')) return new Worker(source);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); })`, { eval: true });
}

class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly queue: IngestTask[] = [];
  private readonly pending = new Map<number, { resolve: (entries: IngestEntry[]) => void; units: readonly IngestUnit[] }>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;

  constructor(threads: number) {
    for (let i = 0; i < threads; i++) this.idle.push(this.spawn());
  }

  read(units: readonly IngestUnit[], symprec: number): Promise<IngestEntry[]> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, units });
      this.queue.push({ id, units, symprec });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = startWorker();
    worker.on('message', ({ id, entries }: IngestAnswer) => this.settle(worker, id, entries));
    // A worker that dies (out of memory on a hostile file, a bug of ours) costs only its task's units, which are
    // listed as failures; a fresh worker takes its place.
    const replace = (reason: string) => {
      const id = this.busy.get(worker);
      this.busy.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      if (id !== undefined) {
        const task = this.pending.get(id)!;
        this.settle(undefined, id, task.units.map((u) => failedUnit(u, reason)));
      }
      this.idle.push(this.spawn());
      this.dispatch();
    };
    worker.on('error', (e) => replace(e.message));
    worker.on('exit', (code) => code !== 0 && this.busy.has(worker) && replace(`the reading thread stopped (exit code ${code})`));
    return worker;
  }

  private settle(worker: Worker | undefined, id: number, entries: IngestEntry[]): void {
    const task = this.pending.get(id);
    this.pending.delete(id);
    if (worker) {
      this.busy.delete(worker);
      this.idle.push(worker);
    }
    task?.resolve(entries);
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(worker, task.id);
      worker.postMessage(task);
    }
  }
}

function failedUnit(unit: IngestUnit, reason: string): IngestEntry {
  if (unit.kind === 'refused') return unit.entry;
  const source = unit.kind === 'file' ? unit.file.name : unit.source;
  return { source, ok: false, error: `${source}: could not be read (internal error: ${reason})`, warnings: [] };
}

/**
 * The entries of `paths` in order, in pieces (a small file's entries, or a chunk of a large one's) as they are
 * ready, read on up to `threads` threads. Throws UsageError for a path that cannot be read (as readInputFile),
 * after the pieces of the files before it.
 */
export async function* readInputs(paths: readonly string[], threads = DEFAULT_THREADS, symprec = DEFAULT_SYMPREC): AsyncGenerator<IngestEntry[]> {
  let pool: WorkerPool | undefined;
  try {
    for (const path of paths) {
      const units = splitFile(readInputFile(path));
      if (threads <= 1 || units.length < PARALLEL_MIN_UNITS) {
        yield units.flatMap((unit) => readUnit(unit, symprec));
        continue;
      }
      pool ??= new WorkerPool(threads);
      const chunks: Promise<IngestEntry[]>[] = [];
      for (let i = 0; i < units.length; i += CHUNK_UNITS) chunks.push(pool.read(units.slice(i, i + CHUNK_UNITS), symprec));
      for (const chunk of chunks) yield await chunk;
    }
  } finally {
    await pool?.close();
  }
}
