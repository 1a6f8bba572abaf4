import { useMemo } from 'react';
import { create } from 'zustand';
import type { Crystal } from '../../core/crystal';
import type { IngestEntry, InputFile } from '../../core/ingest/types';
import { EXAMPLE_DATASET_NAME } from '../../core/prototypes/dataset';
import type { RefusedEntry } from './IngestErrors';
import { type DataSource, EARLIER_SOURCE, sourceName, trainingCrystals } from './sources';
import { type CrystalRow, crystalRow } from './table-view';
import { persistSlice } from '../persist';
import { reportSaveProblem } from '../save-problems';
import { savedList } from '../saved-list';
import { inCrystalWorker, ingestInWorker } from '../crystalClient';
import { useViewStore } from '../view';

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
  readonly refused: readonly SourcedRefusal[];
  /** The loads the crystals came from, oldest first (sources.ts). */
  readonly sources: readonly DataSource[];
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
  /** Keeps a source's crystals out of the training set, or lets them back in. */
  readonly setExcluded: (id: string, excluded: boolean) => void;
  /** Forgets a source: its crystals, its refused entries and their saved copies (not while a load runs). */
  readonly removeSource: (id: string) => void;
}

/** A refused entry, with the id of the load it came from. */
export type SourcedRefusal = RefusedEntry & { readonly dataSource: string };

const isBusy = (phase: IngestPhase) => phase === 'reading' || phase === 'ingesting';

/** Batches run one after another: a second drop while the first is ingesting waits its turn. */
let queue: Promise<void> = Promise.resolve();

/** A chunk of entries as it arrived, with its source; one saved before sources were kept is the array alone. */
interface SavedChunk {
  readonly dataSource: string;
  readonly entries: readonly IngestEntry[];
}

/** The entries, saved in the chunks they arrived in. */
const savedChunks = savedList<SavedChunk | readonly IngestEntry[]>('entries', 'the loaded crystals');
/** The keys of each source's saved chunks, so that removing a source removes them. */
const chunkKeys = new Map<string, string[]>();

type Loaded = Pick<DataState, 'crystals' | 'rows' | 'refused'>;

const NOTHING_LOADED: Loaded = { crystals: [], rows: [], refused: [] };

/**
 * What a chunk of entries adds to those loaded: only the chunk's rows are derived (formula, sites), so a large
 * load costs the same per chunk from its first to its last.
 */
function withChunk(loaded: Loaded, { dataSource, entries }: SavedChunk): Loaded {
  const crystals = [...loaded.crystals];
  const rows = [...loaded.rows];
  const refused = [...loaded.refused];
  for (const entry of entries) {
    if (entry.ok) {
      rows.push(crystalRow(crystals.length, entry, dataSource));
      crystals.push(entry.crystal);
    } else {
      refused.push({ ...entry, dataSource });
    }
  }
  return { crystals, rows, refused };
}

/** The crystals and refused entries of every source but `id`, the rows numbered again. */
function withoutSource(loaded: Loaded, id: string): Loaded {
  const rows = loaded.rows.filter((r) => r.dataSource !== id).map((r, index) => ({ ...r, index }));
  return { crystals: rows.map((r) => r.crystal), rows, refused: loaded.refused.filter((r) => r.dataSource !== id) };
}

const hasEntries = (s: Loaded) => s.crystals.length + s.refused.length > 0;

export const useDataStore = create<DataState>()((set, get) => {
  /** Appends a chunk of a source's entries as it arrives, and saves it. */
  function append(dataSource: string, entries: readonly IngestEntry[]): void {
    if (entries.length === 0) return;
    set((s) => withChunk(s, { dataSource, entries }));
    const key = crypto.randomUUID();
    chunkKeys.set(dataSource, [...(chunkKeys.get(dataSource) ?? []), key]);
    void savedChunks.add(key, { dataSource, entries });
  }

  /** A new source, listed before its first entries arrive. */
  function addSource(name: string, files: number, example: boolean): string {
    const id = crypto.randomUUID();
    set((s) => ({ sources: [...s.sources, { id, name, added: Date.now(), files, example, excluded: false }] }));
    return id;
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
      const source = addSource(sourceName(files.map((f) => f.name)), files.length, false);
      await ingestInWorker(files, (done, total) => set({ progress: { done, total } }), (entries) => append(source, entries));
      return { files: files.length };
    });

  return {
    phase: 'idle',
    progress: { done: 0, total: 0 },
    ...NOTHING_LOADED,
    sources: [],
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
          const entries = await inCrystalWorker((api) => api.example());
          append(addSource(EXAMPLE_DATASET_NAME, 0, true), entries);
          return { files: 0, example: true };
        }),
      );
      return queue;
    },

    clear() {
      if (isBusy(get().phase)) return;
      set({ phase: 'idle', progress: { done: 0, total: 0 }, ...NOTHING_LOADED, sources: [], fileCount: 0, hasExample: false, failure: undefined });
      chunkKeys.clear();
      void savedChunks.clear();
    },

    setExcluded(id, excluded) {
      set((s) => ({ sources: s.sources.map((source) => (source.id === id ? { ...source, excluded } : source)) }));
    },

    removeSource(id) {
      const source = get().sources.find((s) => s.id === id);
      if (!source || isBusy(get().phase)) return;
      // The crystal in focus stays in focus (its index moves down); one of the removed gives way to the first.
      const { rows } = get();
      const focused = useViewStore.getState().crystal;
      if (rows[focused]) useViewStore.setState({ crystal: rows[focused].dataSource === id ? 0 : rows.slice(0, focused).filter((r) => r.dataSource !== id).length });
      set((s) => {
        const sources = s.sources.filter((other) => other.id !== id);
        const left = withoutSource(s, id);
        return {
          ...left,
          sources,
          fileCount: s.fileCount - source.files,
          hasExample: sources.some((other) => other.example),
          phase: hasEntries(left) ? s.phase : 'idle',
        };
      });
      for (const key of chunkKeys.get(id) ?? []) void savedChunks.remove(key);
      chunkKeys.delete(id);
    },
  };
});

/** The crystals the Train panel trains on: those of every source not kept out of training. */
export function useTrainingCrystals(): readonly Crystal[] {
  const rows = useDataStore((s) => s.rows);
  const sources = useDataStore((s) => s.sources);
  return useMemo(() => trainingCrystals(rows, sources), [rows, sources]);
}

export function useIsBusy(): boolean {
  return useDataStore((s) => isBusy(s.phase));
}

/** Resolves once the crystals of the last visit are back (read in chunks, so the page stays responsive). */
export const dataRestored: Promise<void> = (async () => {
  // `ingesting` (the files of a batch in flight, else 0) is saved only to tell, after a reload, of a batch cut short.
  await persistSlice(
    useDataStore,
    'data',
    (s) => ({ fileCount: s.fileCount, hasExample: s.hasExample, sources: s.sources, ingesting: s.phase === 'ingesting' ? s.progress.total : 0 }),
    (saved) => {
      if (saved.ingesting > 0) {
        reportSaveProblem({
          what: `the ${saved.ingesting} file${saved.ingesting > 1 ? 's' : ''} being read when the page was closed`,
          why: 'reading them was cut short; the crystals already read are back, so load those files again for the rest',
        });
      }
      // A slice saved before sources were kept has none: its crystals come back as one source (below).
      return { fileCount: saved.fileCount, hasExample: saved.hasExample, sources: saved.sources ?? [] };
    },
    'the data panel’s file count',
  );
  await savedChunks.restore((saved, key) => {
    const chunk: SavedChunk = Array.isArray(saved) ? { dataSource: EARLIER_SOURCE.id, entries: saved } : (saved as SavedChunk);
    chunkKeys.set(chunk.dataSource, [...(chunkKeys.get(chunk.dataSource) ?? []), key]);
    useDataStore.setState((s) => ({
      ...withChunk(s, chunk),
      // Chunks saved before sources were kept, or whose source was not saved: one source, listed first.
      ...(!s.sources.some((source) => source.id === chunk.dataSource) && { sources: [{ ...EARLIER_SOURCE, id: chunk.dataSource, added: Date.now() }, ...s.sources] }),
    }));
  });
  useDataStore.setState((s) => ({ phase: hasEntries(s) ? 'done' : 'idle' }));
})();
