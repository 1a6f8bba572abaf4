import * as Comlink from 'comlink';
import type { IngestEntry, InputFile } from '../../core/ingest/types';
import type { IngestWorkerApi } from '../../../workers/ingest.worker';

interface IngestWorker {
  readonly api: Comlink.Remote<IngestWorkerApi>;
  /** Rejects when the worker reports an error of its own (a module that fails to load, an uncaught exception). */
  readonly crashed: Promise<never>;
}

let current: IngestWorker | undefined;

function ingestWorker(): IngestWorker {
  if (current) return current;
  const worker = new Worker(new URL('../../../workers/ingest.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ingest',
  });
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      current = undefined; // start a fresh worker next time
      worker.terminate();
      reject(new Error(`The ingest worker stopped: ${event.message || 'it could not be loaded'}`));
    });
  });
  crashed.catch(() => {}); // only a pending call needs to hear about it
  current = { api: Comlink.wrap<IngestWorkerApi>(worker), crashed };
  return current;
}

/** Hands the files to the ingest worker; their buffers move to it (the caller must not read them afterwards). */
export function ingestInWorker(
  files: readonly InputFile[],
  onProgress: (done: number, total: number) => void,
): Promise<IngestEntry[]> {
  const buffers = [...new Set(files.map((f) => f.bytes.buffer))].filter(
    (b): b is ArrayBuffer => b instanceof ArrayBuffer,
  );
  const { api, crashed } = ingestWorker();
  return Promise.race([api.ingest(Comlink.transfer(files, buffers), Comlink.proxy(onProgress)), crashed]);
}
