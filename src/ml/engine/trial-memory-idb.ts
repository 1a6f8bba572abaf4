/** Remembered backend trials in IndexedDB (their own database, beside the checkpoints'): they outlive a reload. */
import { lazyDatabase } from './idb-store';
import type { TrainingTrial } from './backend-trial';
import type { TrialMemory } from './trial-memory';

const DATABASE = 'crystens-trials';
const STORE = 'trials';

export class IndexedDbTrials implements TrialMemory {
  private readonly open = lazyDatabase(DATABASE, STORE);

  async recall(key: string): Promise<TrainingTrial | undefined> {
    return (await (await this.open()).get(STORE, key)) as TrainingTrial | undefined;
  }

  async remember(key: string, trial: TrainingTrial): Promise<void> {
    await (await this.open()).put(STORE, trial, key);
  }
}
