/**
 * The studio's state in IndexedDB, so that a reload loses nothing: each store names the part of its state that
 * is saved, which is written (structured clone: typed arrays stay typed) whenever that part changes and read back
 * once at start. Model weights are not here: the training worker keeps its checkpoints itself. A save or a
 * restore that fails is reported (save-problems.ts), never swallowed.
 */
import { type IDBPDatabase, openDB } from 'idb';
import type { StoreApi } from 'zustand';
import { describeUnreadableCopy, reportSaveFailure, reportSaveProblem } from './save-problems';

const DATABASE = 'crystens-studio-state';
export const STORE = 'state';

let db: Promise<IDBPDatabase> | undefined;

/**
 * The studio's state database (one object store, `state`, keyed by name). An open that throws at once (Firefox
 * with storage blocked throws SecurityError) rejects like one that fails later, so every save and restore reports it.
 */
export function stateDatabase(): Promise<IDBPDatabase> {
  db ??= (async () => openDB(DATABASE, 1, { upgrade: (d) => void d.createObjectStore(STORE) }))();
  return db;
}

/**
 * Saves `pick(state)` under `key` whenever one of its fields changes (by identity), and restores it with
 * `restore` once, which throws (naming what is wrong) on a saved copy it cannot use: the store then keeps its
 * defaults and the researcher is told. Resolves when the saved state (if any) has been restored.
 */
export async function persistSlice<S, P extends object>(
  store: StoreApi<S>,
  key: string,
  pick: (state: S) => P,
  restore: (saved: P) => Partial<S>,
  /** What the slice holds, as the researcher knows it, for the notice when it cannot be saved. */
  what = `the ${key} settings`,
): Promise<void> {
  let saved: P | undefined;
  try {
    saved = (await (await stateDatabase()).get(STORE, key)) as P | undefined;
  } catch (e) {
    // Private mode or a blocked database: the studio works, it just cannot remember, and says so.
    reportSaveFailure(`${what} of the last visit (not restored)`, e);
    saved = undefined;
  }
  if (saved !== undefined) {
    try {
      store.setState(restore(saved));
    } catch (e) {
      reportSaveProblem({ what: `${what} of the last visit (not restored)`, why: describeUnreadableCopy(e) });
    }
  }
  let last = pick(store.getState());
  let writing = Promise.resolve();
  store.subscribe((state) => {
    const next = pick(state);
    if (Object.keys(next).every((k) => next[k as keyof P] === last[k as keyof P])) return;
    last = next;
    writing = writing.then(() =>
      stateDatabase()
        .then((d) => d.put(STORE, next, key))
        .then(
          () => undefined,
          (e) => reportSaveFailure(`${what} (not kept across a reload)`, e),
        ),
    );
  });
}
