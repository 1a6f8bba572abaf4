/** The model library's entries in IndexedDB (their own database, beside the checkpoints'): they outlive a reload. */
import { lazyDatabase } from './idb-store';
import type { LibraryRecords, ModelEntry } from './model-library';

const DATABASE = 'crystens-models';
const STORE = 'models';

export class IndexedDbLibraryRecords implements LibraryRecords {
  private readonly open = lazyDatabase(DATABASE, STORE);

  async list(): Promise<ModelEntry[]> {
    return (await (await this.open()).getAll(STORE)) as ModelEntry[];
  }

  async get(id: string): Promise<ModelEntry | undefined> {
    return (await (await this.open()).get(STORE, id)) as ModelEntry | undefined;
  }

  async put(entry: ModelEntry): Promise<void> {
    await (await this.open()).put(STORE, entry, entry.id);
  }

  /** One readwrite transaction, which IndexedDB runs one at a time across tabs: a rename and a step count both land. */
  async update(id: string, change: (entry: ModelEntry) => ModelEntry): Promise<ModelEntry | undefined> {
    const tx = (await this.open()).transaction(STORE, 'readwrite');
    const entry = (await tx.store.get(id)) as ModelEntry | undefined;
    const changed = entry && change(entry);
    if (changed) await tx.store.put(changed, id);
    await tx.done;
    return changed;
  }

  async delete(id: string): Promise<void> {
    await (await this.open()).delete(STORE, id);
  }
}
