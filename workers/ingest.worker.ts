// Thin adapter: runs the core importer off the main thread and forwards its progress.
import * as Comlink from 'comlink';
import wasmUrl from '@spglib/moyo-wasm/moyo_wasm_bg.wasm?url';
import { ingestFiles } from '../src/core/ingest/ingest';
import { initMoyo } from '../src/core/symmetry/moyo';
import type { IngestEntry, InputFile } from '../src/core/ingest/types';

let moyoReady: Promise<void> | undefined;

function ensureMoyo(): Promise<void> {
  moyoReady ??= initMoyo(wasmUrl).catch((error: unknown) => {
    moyoReady = undefined; // let the next call try again
    throw error;
  });
  return moyoReady;
}

const api = {
  async ingest(
    files: readonly InputFile[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<IngestEntry[]> {
    await ensureMoyo();
    return ingestFiles(files, onProgress ? { onProgress: (done, total) => void onProgress(done, total) } : {});
  },
};

export type IngestWorkerApi = typeof api;

Comlink.expose(api);
