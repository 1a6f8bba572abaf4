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

  /** What the Train panel shows of the checkpoint under `key` (one record read: the library holds many models). */
  async info(key: string): Promise<CheckpointInfo | undefined> {
    const record = (await (await this.open()).get(STORE, key)) as StoredCheckpoint | undefined;
    if (!record) return undefined;
    return { key, step: readModelMetadata(record.modelJson).step, savedAt: record.savedAt, bytes: record.modelJson.length + record.weights.byteLength };
  }

  async remove(key: string): Promise<void> {
    await (await this.open()).delete(STORE, key);
  }
}
