import { create } from 'zustand';
import type { IngestEntry, InputFile } from '../../core/ingest/types';
import { ingestInWorker } from './ingestClient';

export type IngestPhase = 'idle' | 'reading' | 'ingesting' | 'done' | 'failed';

export interface DataState {
  readonly phase: IngestPhase;
  /** Files the importer has finished, of the batch in flight. */
  readonly progress: { readonly done: number; readonly total: number };
  /** Every entry ingested so far, in the order the batches arrived. */
  readonly entries: readonly IngestEntry[];
  /** Files handed to the importer so far. */
  readonly fileCount: number;
  /** Set when a whole batch failed (unreadable files, a worker that would not start), not for one bad file. */
  readonly failure?: string;
  /** Waits for the files to be read, then ingests them in the worker; the entries are appended to those loaded. */
  readonly load: (files: Promise<readonly InputFile[]>) => Promise<void>;
  readonly clear: () => void;
}

const isBusy = (phase: IngestPhase) => phase === 'reading' || phase === 'ingesting';

/** Batches run one after another: a second drop while the first is ingesting waits its turn. */
let queue: Promise<void> = Promise.resolve();

export const useDataStore = create<DataState>()((set, get) => {
  async function ingestBatch(reading: Promise<readonly InputFile[]>): Promise<void> {
    set({ phase: 'reading', progress: { done: 0, total: 0 }, failure: undefined });
    try {
      const files = await reading;
      if (files.length === 0) {
        set({ phase: get().entries.length > 0 ? 'done' : 'idle' });
        return;
      }
      set({ phase: 'ingesting', progress: { done: 0, total: files.length } });
      const entries = await ingestInWorker(files, (done, total) => set({ progress: { done, total } }));
      set((s) => ({ phase: 'done', entries: [...s.entries, ...entries], fileCount: s.fileCount + files.length }));
    } catch (error) {
      set({ phase: 'failed', failure: error instanceof Error ? error.message : String(error) });
    }
  }

  return {
    phase: 'idle',
    progress: { done: 0, total: 0 },
    entries: [],
    fileCount: 0,
    failure: undefined,

    load(reading) {
      queue = queue.then(() => ingestBatch(reading));
      return queue;
    },

    clear() {
      if (isBusy(get().phase)) return;
      set({ phase: 'idle', progress: { done: 0, total: 0 }, entries: [], fileCount: 0, failure: undefined });
    },
  };
});

export function useIsBusy(): boolean {
  return useDataStore((s) => isBusy(s.phase));
}
