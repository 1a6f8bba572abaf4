import { describe, expect, it } from 'vitest';
import { runInSlices } from './time-slices';

function* counting(to: number, seen: number[]): Generator<void, number> {
  for (let i = 0; i < to; i++) {
    seen.push(i);
    yield;
  }
  return to;
}

describe('work in time slices', () => {
  it('runs every step and resolves with the result, handing the thread back between slices', async () => {
    const seen: number[] = [];
    let timersRan = 0;
    // A slice of 0 ms takes one step per slice: the timer set here runs before the work is done.
    setTimeout(() => timersRan++, 0);
    expect(await runInSlices(counting(5, seen), undefined, 0)).toBe(5);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(timersRan).toBe(1);
  });

  it('stops at the next slice once aborted, rejecting with the reason', async () => {
    const seen: number[] = [];
    const abort = new AbortController();
    const running = runInSlices(counting(1000, seen), abort.signal, 0);
    abort.abort(new Error('superseded'));
    await expect(running).rejects.toThrow('superseded');
    expect(seen.length).toBeLessThan(1000);
  });

  it('rejects with the error a step throws', async () => {
    function* failing(): Generator<void, number> {
      yield;
      throw new Error('bad row');
    }
    await expect(runInSlices(failing())).rejects.toThrow('bad row');
  });
});
