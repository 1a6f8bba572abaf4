/** Remembered backend trials in IndexedDB (their own database, beside the checkpoints'): they outlive a reload. */
import { type IDBPDatabase, openDB } from 'idb';
import type { TrainingTrial } from './backend-trial';
import type { TrialMemory } from './trial-memory';

const DATABASE = 'crystens-trials';
const STORE = 'trials';

export class IndexedDbTrials implements TrialMemory {
  private db?: Promise<IDBPDatabase>;

  private open(): Promise<IDBPDatabase> {
    this.db ??= openDB(DATABASE, 1, {
      upgrade(db) {
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
      },
    });
    return this.db;
  }

  async recall(key: string): Promise<TrainingTrial | undefined> {
    return (await (await this.open()).get(STORE, key)) as TrainingTrial | undefined;
  }

  async remember(key: string, trial: TrainingTrial): Promise<void> {
    await (await this.open()).put(STORE, trial, key);
  }
}
