/** Seeded epochs over a dataset: every crystal once per epoch, in an order that depends only on the seed. */
import { seededRandom } from '../../core/random';

export class BatchOrder {
  private order: number[] = [];
  private position = 0;
  private readonly random: () => number;

  constructor(
    private readonly size: number,
    seed: number,
  ) {
    if (size === 0) throw new RangeError('a dataset without crystals cannot be trained on');
    this.random = seededRandom(seed);
  }

  /** The next `batchSize` indices; an epoch boundary reshuffles (Fisher–Yates). */
  next(batchSize: number): number[] {
    const out: number[] = [];
    while (out.length < batchSize) {
      if (this.position >= this.order.length) {
        this.order = Array.from({ length: this.size }, (_, i) => i);
        for (let i = this.size - 1; i > 0; i--) {
          const j = Math.floor(this.random() * (i + 1));
          [this.order[i], this.order[j]] = [this.order[j]!, this.order[i]!];
        }
        this.position = 0;
      }
      out.push(this.order[this.position++]!);
    }
    return out;
  }
}
