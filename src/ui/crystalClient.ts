/** The page's handle on the crystal worker (workers/crystal.worker.ts): one worker, restarted after a crash. */
import * as Comlink from 'comlink';
import type { Crystal } from '../core/crystal';
import type { BuiltDataset } from '../core/crystens/dataset';
import type { IngestEntry, InputFile } from '../core/ingest/types';
import type { CrystalWorkerApi } from '../../workers/crystal.worker';

interface CrystalWorker {
  readonly api: Comlink.Remote<CrystalWorkerApi>;
  /** Rejects when the worker reports an error of its own (a module that fails to load, an uncaught exception). */
  readonly crashed: Promise<never>;
}

let current: CrystalWorker | undefined;

function start(): CrystalWorker {
  if (current) return current;
  const worker = new Worker(new URL('../../workers/crystal.worker.ts', import.meta.url), { type: 'module', name: 'crystal' });
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      current = undefined; // start a fresh worker next time
      worker.terminate();
      reject(new Error(`The crystal worker stopped: ${event.message || 'it could not be loaded'}`));
    });
  });
  crashed.catch(() => {}); // only a pending call needs to hear about it
  current = { api: Comlink.wrap<CrystalWorkerApi>(worker), crashed };
  return current;
}

/** Runs one call on the crystal worker; a crash of the worker rejects it instead of leaving it pending. */
export function inCrystalWorker<R>(call: (api: Comlink.Remote<CrystalWorkerApi>) => Promise<R>): Promise<R> {
  const { api, crashed } = start();
  return Promise.race([call(api), crashed]);
}

/**
 * Hands the files to the worker's importer; their buffers move to it (the caller must not read them afterwards).
 * The entries come back in chunks, each in a task of its own; resolves with their number.
 */
export function ingestInWorker(
  files: readonly InputFile[],
  onProgress: (done: number, total: number) => void,
  onEntries: (entries: IngestEntry[]) => void,
): Promise<number> {
  const buffers = [...new Set(files.map((f) => f.bytes.buffer))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  return inCrystalWorker((api) => api.ingest(Comlink.transfer(files, buffers), Comlink.proxy(onProgress), Comlink.proxy(onEntries)));
}

/** Crystals per message to the crystal worker: a few milliseconds of structured clone each. */
const CRYSTAL_CHUNK = 500;

/**
 * The crystals built into a compact dataset in the crystal worker, handed over in chunks (each a task of its own,
 * so that the page keeps drawing); its arrays come back without a copy.
 */
export function datasetInWorker(crystals: readonly Crystal[]): Promise<BuiltDataset> {
  return inCrystalWorker((api) => api.dataset(crystals.length, Comlink.proxy((from: number) => crystals.slice(from, from + CRYSTAL_CHUNK))));
}

export { Comlink };
