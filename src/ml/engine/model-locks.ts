/**
 * One tab at a time trains a model: training, stepping, resuming, stopping and deleting hold a Web Lock named after
 * the model (navigator.locks, shared by every tab of the origin), so that a second tab neither trains the same
 * model from a stale copy nor overwrites its checkpoint; it is refused with the reason (issue 12). Different models
 * train in different tabs at once. The lock is re-entrant within the tab (a stop during this tab's own run goes
 * through), and it is released when the work resolves (a paused run lets it go).
 */

/** The part of the Web Locks API used here (the browser's LockManager fits it; tests pass a fake). */
export interface LockRequester {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** The lock a model's training holds, by library id. */
export function modelLockName(id: string): string {
  return `crystens-model:${id}`;
}

export class ModelLocks {
  /** Holds of this tab, by model id (re-entrant). */
  private readonly held = new Map<string, number>();

  constructor(
    /** Undefined where the browser has no Web Locks: one tab cannot then be told from another, and none is refused. */
    private readonly locks: LockRequester | undefined,
  ) {}

  /** Runs `work` holding the lock of model `id`; refuses with a message naming `what` when another tab holds it. */
  async hold<T>(id: string, what: string, work: () => Promise<T>): Promise<T> {
    if (!this.locks || (this.held.get(id) ?? 0) > 0) return work();
    return this.locks.request(modelLockName(id), { ifAvailable: true }, async (lock) => {
      if (!lock) throw new Error(`another tab of the studio is training ${what}: one tab at a time trains a model (duplicate it to train a copy here)`);
      this.held.set(id, (this.held.get(id) ?? 0) + 1);
      try {
        return await work();
      } finally {
        const left = this.held.get(id)! - 1;
        if (left > 0) this.held.set(id, left);
        else this.held.delete(id);
      }
    });
  }
}
