/**
 * Where checkpoints go: IndexedDB in the studio (checkpoint-idb.ts), a folder in the CLI (checkpoint-folder.ts),
 * memory in tests.
 */
import type { ModelFiles } from './model-files';

export interface CheckpointStore {
  save(key: string, files: ModelFiles): Promise<void>;
  load(key: string): Promise<ModelFiles | undefined>;
  remove(key: string): Promise<void>;
}

export class MemoryCheckpointStore implements CheckpointStore {
  private readonly files = new Map<string, ModelFiles>();
  async save(key: string, files: ModelFiles): Promise<void> {
    this.files.set(key, files);
  }
  async load(key: string): Promise<ModelFiles | undefined> {
    return this.files.get(key);
  }
  async remove(key: string): Promise<void> {
    this.files.delete(key);
  }
}
