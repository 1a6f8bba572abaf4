import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/testing/corpus';
import { ReportedCheckpointStore } from './checkpoint-reported';
import { type CheckpointStore, MemoryCheckpointStore } from './checkpoint-store';
import type { ModelFiles } from './model-files';

/** The pretrained perov_5 GAN's model.json at `step` (weights are not read by the store). */
const atStep = (step: number): ModelFiles => ({
  modelJson: readFileSync(resolve(REPO_ROOT, 'public/models/perov_5-gan/model.json'), 'utf8').replace(/"step":\d+/, `"step":${step}`),
  weights: new Uint8Array(4),
});

/** A store that keeps what it is given until the browser's quota runs out. */
class QuotaStore extends MemoryCheckpointStore implements CheckpointStore {
  full = false;
  override async save(key: string, files: ModelFiles): Promise<void> {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    await super.save(key, files);
  }
}

describe('ReportedCheckpointStore', () => {
  it('tells a failed save with the step not kept and where a reload would resume, without throwing', async () => {
    const inner = new QuotaStore();
    const notices: string[] = [];
    const store = new ReportedCheckpointStore(inner, (m) => notices.push(m));
    await store.save('current', atStep(50));
    inner.full = true;
    await expect(store.save('current', atStep(100))).resolves.toBeUndefined();
    expect(notices).toEqual([
      "the checkpoint at step 100 was not saved: the browser's storage for this site is full (its quota); free space or export what you need; a reload would resume from step 50",
    ]);
    expect((await store.load('current'))?.modelJson).toContain('"step":50');
  });

  it('says a reload would not find the model when nothing was ever saved', async () => {
    const inner = new QuotaStore();
    inner.full = true;
    const notices: string[] = [];
    await new ReportedCheckpointStore(inner, (m) => notices.push(m)).save('current', atStep(0));
    expect(notices[0]).toMatch(/^the checkpoint at step 0 was not saved: .*quota.*; a reload would not find this model$/);
  });
});
