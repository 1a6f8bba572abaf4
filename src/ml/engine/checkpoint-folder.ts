/**
 * Checkpoints as model folders (model-folder.ts), the CLI's store: the current checkpoint is the folder itself,
 * so `crystens train --out DIR` leaves in DIR exactly what the studio exports, and resumes from it. Node only.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckpointStore } from './checkpoint-store';
import { MODEL_JSON, readModelDir, WEIGHTS_BIN, writeModelDir } from './model-folder';
import type { ModelFiles } from './model-files';
import { CURRENT } from './session';

export class FolderCheckpointStore implements CheckpointStore {
  constructor(readonly dir: string) {}

  /** CURRENT is the folder itself; any other key a folder inside it. */
  private folder(key: string): string {
    return key === CURRENT ? this.dir : join(this.dir, key);
  }

  async save(key: string, files: ModelFiles): Promise<void> {
    writeModelDir(this.folder(key), files);
  }

  async load(key: string): Promise<ModelFiles | undefined> {
    return readModelDir(this.folder(key));
  }

  /** Removes the model's two files only: anything else a user keeps in the folder stays. */
  async remove(key: string): Promise<void> {
    const folder = this.folder(key);
    rmSync(join(folder, MODEL_JSON), { force: true });
    rmSync(join(folder, WEIGHTS_BIN), { force: true });
  }
}
