/** Web Locks per model, as two tabs see them: a fake LockManager with the spec's ifAvailable (null when held). */
import { describe, expect, it } from 'vitest';
import { type LockRequester, ModelLocks, modelLockName } from './model-locks';

/** The origin's lock manager, shared by the tabs (each a ModelLocks over it). */
function origin(): LockRequester & { held: Set<string> } {
  const held = new Set<string>();
  return {
    held,
    async request(name, _options, callback) {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

/** A promise and its resolver: a run that goes on until the test ends it. */
function pending(): { promise: Promise<void>; end: () => void } {
  let end = () => {};
  const promise = new Promise<void>((resolve) => (end = resolve));
  return { promise, end };
}

describe('model locks', () => {
  it('refuse a second tab the model the first trains, naming it, and let it go when the run ends', async () => {
    const locks = origin();
    const [first, second] = [new ModelLocks(locks), new ModelLocks(locks)];
    const run = pending();
    const training = first.hold('a', 'GAN 1', () => run.promise);
    expect(locks.held).toEqual(new Set([modelLockName('a')]));
    await expect(second.hold('a', 'GAN 1', async () => 'trained')).rejects.toThrow(
      'another tab of the studio is training GAN 1: one tab at a time trains a model (duplicate it to train a copy here)',
    );
    run.end();
    await training;
    expect(locks.held.size).toBe(0);
    await expect(second.hold('a', 'GAN 1', async () => 'trained')).resolves.toBe('trained');
  });

  it('let two tabs train two models at once', async () => {
    const locks = origin();
    const run = pending();
    const training = new ModelLocks(locks).hold('a', 'GAN 1', () => run.promise);
    await expect(new ModelLocks(locks).hold('b', 'GAN 2', async () => 'trained')).resolves.toBe('trained');
    run.end();
    await training;
  });

  it("are re-entrant within a tab (a stop during the tab's own run), and released after a failure", async () => {
    const locks = origin();
    const tab = new ModelLocks(locks);
    const run = pending();
    const training = tab.hold('a', 'GAN 1', () => run.promise);
    await expect(tab.hold('a', 'GAN 1', async () => 'stopped')).resolves.toBe('stopped');
    run.end();
    await training;
    await expect(tab.hold('a', 'GAN 1', () => Promise.reject(new Error('device lost')))).rejects.toThrow('device lost');
    expect(locks.held.size).toBe(0);
    await expect(new ModelLocks(locks).hold('a', 'GAN 1', async () => 'trained')).resolves.toBe('trained');
  });

  it('refuse nothing where the browser has no Web Locks', async () => {
    await expect(new ModelLocks(undefined).hold('a', 'GAN 1', async () => 'trained')).resolves.toBe('trained');
  });
});
