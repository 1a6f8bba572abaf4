import { describe, expect, it } from 'vitest';
import { BatchOrder } from './batches';

describe('batch order', () => {
  it('covers every crystal once per epoch, in a different order each epoch', () => {
    const order = new BatchOrder(10, 3);
    const epoch0 = [0, 1].flatMap((s) => order.batch(s, 5));
    const epoch1 = [2, 3].flatMap((s) => order.batch(s, 5));
    expect([...epoch0].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...epoch1].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epoch1).not.toEqual(epoch0);
  });

  it('gives any step the batch it would have had in an uninterrupted run', () => {
    const straight = new BatchOrder(7, 11);
    const batches = Array.from({ length: 9 }, (_, s) => straight.batch(s, 3));
    const resumed = new BatchOrder(7, 11);
    expect(resumed.batch(6, 3)).toEqual(batches[6]);
    expect(resumed.batch(2, 3)).toEqual(batches[2]);
    expect(new BatchOrder(7, 12).batch(6, 3)).not.toEqual(batches[6]);
  });
});
