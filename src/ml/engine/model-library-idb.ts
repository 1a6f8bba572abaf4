/**
 * The model library's entries in IndexedDB (their own database, beside the checkpoints'): they outlive a reload.
 * Each change is told to the studio's other tabs, whose lists would otherwise go stale (a model made or renamed
 * there, steps trained there).
 */
import { lazyDatabase } from './idb-store';
import type { LibraryRecords, ModelEntry } from './model-library';

const DATABASE = 'crystens-models';
const STORE = 'models';
const CHANNEL = 'crystens-model-library';

export class IndexedDbLibraryRecords implements LibraryRecords {
  private readonly open = lazyDatabase(DATABASE, STORE);
  /** Reaches every other tab's records (a BroadcastChannel does not echo to its sender). */
  private readonly changes = new BroadcastChannel(CHANNEL);

  /** Calls `onChange` when another tab has changed the library. */
  watch(onChange: () => void): void {
    this.changes.onmessage = () => onChange();
  }

  async list(): Promise<ModelEntry[]> {
    return (await (await this.open()).getAll(STORE)) as ModelEntry[];
  }

  async get(id: string): Promise<ModelEntry | undefined> {
    return (await (await this.open()).get(STORE, id)) as ModelEntry | undefined;
  }

  async put(entry: ModelEntry): Promise<void> {
    await (await this.open()).put(STORE, entry, entry.id);
    this.changes.postMessage(entry.id);
  }

  /** One readwrite transaction, which IndexedDB runs one at a time across tabs: a rename and a step count both land. */
  async update(id: string, change: (entry: ModelEntry) => ModelEntry): Promise<ModelEntry | undefined> {
    const tx = (await this.open()).transaction(STORE, 'readwrite');
    const entry = (await tx.store.get(id)) as ModelEntry | undefined;
    const changed = entry && change(entry);
    if (changed) await tx.store.put(changed, id);
    await tx.done;
    if (changed) this.changes.postMessage(id);
    return changed;
  }

  async delete(id: string): Promise<void> {
    await (await this.open()).delete(STORE, id);
    this.changes.postMessage(id);
  }
}
