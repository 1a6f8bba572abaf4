/**
 * Seeded epochs over a dataset: every crystal once per epoch, each epoch in its own order. The batch of any step
 * depends only on the seed and the step, so that a run resumed from a checkpoint sees the batches the
 * uninterrupted run would have seen.
 */
import { deriveSeed, seededRandom } from '../../core/random';

export class BatchOrder {
  private epoch = -1;
  private order: number[] = [];

  constructor(
    private readonly size: number,
    private readonly seed: number,
  ) {
    if (size === 0) throw new RangeError('a dataset without crystals cannot be trained on');
  }

  /** The indices of training step `step` (counted from 0) at `batchSize` crystals a step. */
  batch(step: number, batchSize: number): number[] {
    const out: number[] = [];
    for (let position = step * batchSize; position < (step + 1) * batchSize; position++) {
      out.push(this.permutation(Math.floor(position / this.size))[position % this.size]!);
    }
    return out;
  }

  /** Epoch e's order (Fisher–Yates); the current one is kept. */
  private permutation(epoch: number): number[] {
    if (epoch !== this.epoch) {
      const random = seededRandom(deriveSeed(this.seed, epoch));
      this.order = Array.from({ length: this.size }, (_, i) => i);
      for (let i = this.size - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [this.order[i], this.order[j]] = [this.order[j]!, this.order[i]!];
      }
      this.epoch = epoch;
    }
    return this.order;
  }
}
