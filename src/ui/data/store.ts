import { create } from 'zustand';
import type { Crystal } from '../../core/crystal';
import type { IngestEntry, InputFile } from '../../core/ingest/types';
import type { RefusedEntry } from './IngestErrors';
import { type CrystalRow, crystalRow } from './table-view';
import { persistSlice } from '../persist';
import { reportSaveProblem } from '../save-problems';
import { savedList } from '../saved-list';
import { inCrystalWorker, ingestInWorker } from '../crystalClient';

export type IngestPhase = 'idle' | 'reading' | 'ingesting' | 'done' | 'failed';

export interface DataState {
  readonly phase: IngestPhase;
  /** Files the importer has finished, of the batch in flight. */
  readonly progress: { readonly done: number; readonly total: number };
  /** The crystals ingested so far, in the order the batches arrived: the real side of every panel. */
  readonly crystals: readonly Crystal[];
  /** The crystals as the Data panel's table shows them (row i is crystal i). */
  readonly rows: readonly CrystalRow[];
  /** The entries that gave no crystal, in the order they arrived. */
  readonly refused: readonly RefusedEntry[];
  /** Files handed to the importer so far. */
  readonly fileCount: number;
  /** Whether the example dataset (structure prototypes) is among the crystals. */
  readonly hasExample: boolean;
  /** Set when a whole batch failed (unreadable files, a worker that would not start), not for one bad file. */
  readonly failure?: string;
  /** Waits for the files to be read, then ingests them in the worker; the entries are appended to those loaded. */
  readonly load: (files: Promise<readonly InputFile[]>) => Promise<void>;
  /** Adds the example dataset built from structure prototypes (in the worker). */
  readonly loadExample: () => Promise<void>;
  readonly clear: () => void;
}

const isBusy = (phase: IngestPhase) => phase === 'reading' || phase === 'ingesting';

/** Batches run one after another: a second drop while the first is ingesting waits its turn. */
let queue: Promise<void> = Promise.resolve();

/** The entries, saved in the chunks they arrived in. */
const savedChunks = savedList<readonly IngestEntry[]>('entries', 'the loaded crystals');

type Loaded = Pick<DataState, 'crystals' | 'rows' | 'refused'>;

const NOTHING_LOADED: Loaded = { crystals: [], rows: [], refused: [] };

/**
 * What a chunk of entries adds to those loaded: only the chunk's rows are derived (formula, sites), so a large
 * load costs the same per chunk from its first to its last.
 */
function withChunk(loaded: Loaded, entries: readonly IngestEntry[]): Loaded {
  const crystals = [...loaded.crystals];
  const rows = [...loaded.rows];
  const refused = [...loaded.refused];
  for (const entry of entries) {
    if (entry.ok) {
      rows.push(crystalRow(crystals.length, entry));
      crystals.push(entry.crystal);
    } else {
      refused.push(entry);
    }
  }
  return { crystals, rows, refused };
}

const hasEntries = (s: Loaded) => s.crystals.length + s.refused.length > 0;

export const useDataStore = create<DataState>()((set, get) => {
  /** Appends a chunk of entries as it arrives, and saves it. */
  function append(entries: readonly IngestEntry[]): void {
    if (entries.length === 0) return;
    set((s) => withChunk(s, entries));
    void savedChunks.add(crypto.randomUUID(), entries);
  }

  /** Runs one batch: `produce` reads and ingests, reporting progress and handing over entries as they come. */
  async function runBatch(produce: () => Promise<{ files: number; example?: boolean }>): Promise<void> {
    set({ phase: 'reading', progress: { done: 0, total: 0 }, failure: undefined });
    try {
      const { files, example } = await produce();
      set((s) => ({ phase: hasEntries(s) ? 'done' : 'idle', fileCount: s.fileCount + files, hasExample: s.hasExample || !!example }));
    } catch (error) {
      set({ phase: 'failed', failure: error instanceof Error ? error.message : String(error) });
    }
  }

  const ingestBatch = (reading: Promise<readonly InputFile[]>) =>
    runBatch(async () => {
      const files = await reading;
      if (files.length === 0) return { files: 0 };
      set({ phase: 'ingesting', progress: { done: 0, total: files.length } });
      await ingestInWorker(files, (done, total) => set({ progress: { done, total } }), append);
      return { files: files.length };
    });

  return {
    phase: 'idle',
    progress: { done: 0, total: 0 },
    ...NOTHING_LOADED,
    fileCount: 0,
    hasExample: false,
    failure: undefined,

    load(reading) {
      queue = queue.then(() => ingestBatch(reading));
      return queue;
    },

    loadExample() {
      queue = queue.then(() =>
        runBatch(async () => {
          append(await inCrystalWorker((api) => api.example()));
          return { files: 0, example: true };
        }),
      );
      return queue;
    },

    clear() {
      if (isBusy(get().phase)) return;
      set({ phase: 'idle', progress: { done: 0, total: 0 }, ...NOTHING_LOADED, fileCount: 0, hasExample: false, failure: undefined });
      void savedChunks.clear();
    },
  };
});

export function useIsBusy(): boolean {
  return useDataStore((s) => isBusy(s.phase));
}

/** Resolves once the crystals of the last visit are back (read in chunks, so the page stays responsive). */
export const dataRestored: Promise<void> = (async () => {
  // `ingesting` (the files of a batch in flight, else 0) is saved only to tell, after a reload, of a batch cut short.
  await persistSlice(
    useDataStore,
    'data',
    (s) => ({ fileCount: s.fileCount, hasExample: s.hasExample, ingesting: s.phase === 'ingesting' ? s.progress.total : 0 }),
    (saved) => {
      if (saved.ingesting > 0) {
        reportSaveProblem({
          what: `the ${saved.ingesting} file${saved.ingesting > 1 ? 's' : ''} being read when the page was closed`,
          why: 'reading them was cut short; the crystals already read are back, so load those files again for the rest',
        });
      }
      return { fileCount: saved.fileCount, hasExample: saved.hasExample };
    },
    'the data panel’s file count',
  );
  await savedChunks.restore((chunk) => useDataStore.setState((s) => withChunk(s, chunk)));
  useDataStore.setState((s) => ({ phase: hasEntries(s) ? 'done' : 'idle' }));
})();
