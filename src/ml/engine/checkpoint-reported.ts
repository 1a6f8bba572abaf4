/**
 * Checkpoints whose failed saves are told, not thrown: a full quota or a blocked IndexedDB must neither stop a
 * training run nor pass unnoticed. The notice says which step was not kept and where a reload would resume.
 */
import type { CheckpointStore } from './checkpoint-store';
import { type ModelFiles, readModelMetadata } from './model-files';
import { describeStorageError } from './storage-error';

export class ReportedCheckpointStore implements CheckpointStore {
  /** The step last saved under each key, as this store saw it. */
  private readonly saved = new Map<string, number>();

  constructor(
    private readonly inner: CheckpointStore,
    private readonly report: (message: string) => void,
  ) {}

  async save(key: string, files: ModelFiles): Promise<void> {
    const { step } = readModelMetadata(files.modelJson);
    try {
      await this.inner.save(key, files);
      this.saved.set(key, step);
    } catch (e) {
      const last = this.saved.get(key);
      const resume = last === undefined ? 'a reload would not find this model' : `a reload would resume from step ${last}`;
      this.report(`the checkpoint at step ${step} was not saved: ${describeStorageError(e)}; ${resume}`);
    }
  }

  async load(key: string): Promise<ModelFiles | undefined> {
    const files = await this.inner.load(key);
    if (files) this.saved.set(key, readModelMetadata(files.modelJson).step);
    return files;
  }

  remove(key: string): Promise<void> {
    this.saved.delete(key);
    return this.inner.remove(key);
  }
}
