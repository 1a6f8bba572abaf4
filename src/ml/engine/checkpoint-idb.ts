/** Checkpoints in IndexedDB (page and workers alike): a reload of the studio finds its model where it stopped. */
import { lazyDatabase } from './idb-store';
import type { CheckpointStore } from './checkpoint-store';
import { type ModelFiles, readModelMetadata } from './model-files';

/** What the Train panel lists of a stored checkpoint. */
export interface CheckpointInfo {
  readonly key: string;
  readonly step: number;
  readonly savedAt: number;
  readonly bytes: number;
}

type StoredCheckpoint = ModelFiles & { readonly savedAt: number };

const DATABASE = 'crystens-studio';
const STORE = 'checkpoints';

export class IndexedDbCheckpointStore implements CheckpointStore {
  private readonly open = lazyDatabase(DATABASE, STORE);

  async save(key: string, files: ModelFiles): Promise<void> {
    await (await this.open()).put(STORE, { ...files, savedAt: Date.now() }, key);
  }

  async load(key: string): Promise<ModelFiles | undefined> {
    const record = (await (await this.open()).get(STORE, key)) as StoredCheckpoint | undefined;
    return record ? { modelJson: record.modelJson, weights: record.weights } : undefined;
  }

  async list(): Promise<CheckpointInfo[]> {
    const db = await this.open();
    const keys = (await db.getAllKeys(STORE)) as string[];
    const records = (await db.getAll(STORE)) as StoredCheckpoint[];
    return records.map((r, i) => ({
      key: keys[i]!,
      step: readModelMetadata(r.modelJson).step,
      savedAt: r.savedAt,
      bytes: r.modelJson.length + r.weights.byteLength,
    }));
  }

  async remove(key: string): Promise<void> {
    await (await this.open()).delete(STORE, key);
  }
}
