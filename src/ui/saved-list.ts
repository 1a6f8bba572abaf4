/**
 * A list kept in IndexedDB one record at a time: each item is written once, when it is added, and a reload reads
 * the items back one task at a time. Large state (thousands of crystals, runs of generated tensors) is then
 * never cloned whole on the main thread — a structured clone of 50k crystals takes most of a second.
 */
import { STORE, stateDatabase } from './persist';
import { describeUnreadableCopy, reportSaveFailure, reportSaveProblem } from './save-problems';

export interface SavedList<T> {
  /** Adds an item under a key unique in the list. */
  add(key: string, item: T): Promise<unknown>;
  remove(key: string): Promise<unknown>;
  clear(): Promise<unknown>;
  /**
   * Hands each saved item to `onItem`, in order, each in a task of its own; resolves when all are back. An item
   * `onItem` throws on (damaged, or saved by another version) is left out, the others restored, and it is told.
   */
  restore(onItem: (item: T, key: string) => void): Promise<void>;
}

/**
 * `what` names the list for the researcher ("the loaded crystals") in the notice shown when it cannot be saved.
 * The key list and the items change in one readwrite transaction, which IndexedDB runs one at a time across
 * tabs: two tabs adding at once both find their items listed.
 */
export function savedList<T>(name: string, what: string): SavedList<T> {
  const indexKey = `${name}:keys`;
  const itemKey = (key: string) => `${name}:${key}`;
  let writing: Promise<unknown> = Promise.resolve();
  // Writes run in order; one that fails (private mode, quota) costs what a reload remembers, and is reported.
  const write = (work: () => Promise<unknown>) =>
    (writing = writing.then(work).catch((e) => reportSaveFailure(`${what} (not all kept across a reload)`, e)));

  async function update(change: (keys: string[]) => string[], records: (keys: string[]) => [string, T | undefined][]): Promise<void> {
    const tx = (await stateDatabase()).transaction(STORE, 'readwrite');
    const keys = ((await tx.store.get(indexKey)) as string[] | undefined) ?? [];
    await Promise.all([
      ...records(keys).map(([key, item]) => (item === undefined ? tx.store.delete(itemKey(key)) : tx.store.put(item, itemKey(key)))),
      tx.store.put(change(keys), indexKey),
      tx.done,
    ]);
  }

  return {
    add: (key, item) => write(() => update((keys) => [...keys.filter((k) => k !== key), key], () => [[key, item]])),
    remove: (key) => write(() => update((keys) => keys.filter((k) => k !== key), () => [[key, undefined]])),
    clear: () => write(() => update(() => [], (keys) => keys.map((k) => [k, undefined]))),
    async restore(onItem) {
      try {
        const db = await stateDatabase();
        const keys: unknown = (await db.get(STORE, indexKey)) ?? [];
        if (!Array.isArray(keys)) {
          reportSaveProblem({ what: `${what} of the last visit (not restored)`, why: describeUnreadableCopy(new TypeError('its list of saved parts is not a list')) });
          return;
        }
        let missing = 0;
        let unreadable: unknown;
        let unreadableCount = 0;
        for (const key of keys as string[]) {
          const item = (await db.get(STORE, itemKey(key))) as T | undefined;
          if (item === undefined) missing++;
          else {
            try {
              onItem(item, key);
            } catch (e) {
              unreadable ??= e;
              unreadableCount++;
            }
          }
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        const gaps = [
          ...(missing > 0 ? [`${missing} of its ${keys.length} saved parts were listed but not found`] : []),
          ...(unreadableCount > 0 ? [`${unreadableCount} of its ${keys.length} saved parts could not be used, as ${describeUnreadableCopy(unreadable)}`] : []),
        ];
        if (gaps.length > 0) reportSaveProblem({ what: `${what} of the last visit`, why: `${gaps.join('; ')}, so it is incomplete` });
      } catch (e) {
        reportSaveFailure(`${what} of the last visit (not restored)`, e);
      }
    },
  };
}
