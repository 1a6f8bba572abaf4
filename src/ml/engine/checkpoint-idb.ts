/** Checkpoints in IndexedDB (page and workers alike): a reload of the studio finds its model where it stopped. */
import { type IDBPDatabase, openDB } from 'idb';
import type { CheckpointStore } from './checkpoint-store';
import type { ModelFiles } from './model-files';

const DATABASE = 'crystens-studio';
const STORE = 'checkpoints';

export class IndexedDbCheckpointStore implements CheckpointStore {
  private db?: Promise<IDBPDatabase>;

  private open(): Promise<IDBPDatabase> {
    this.db ??= openDB(DATABASE, 1, {
      upgrade(db) {
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
      },
    });
    return this.db;
  }

  async save(key: string, files: ModelFiles): Promise<void> {
    await (await this.open()).put(STORE, { ...files, savedAt: Date.now() }, key);
  }

  async load(key: string): Promise<ModelFiles | undefined> {
    const record = (await (await this.open()).get(STORE, key)) as ModelFiles | undefined;
    return record ? { modelJson: record.modelJson, weights: record.weights } : undefined;
  }

  async remove(key: string): Promise<void> {
    await (await this.open()).delete(STORE, key);
  }
}
