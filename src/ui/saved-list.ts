/**
 * A list kept in IndexedDB one record at a time: each item is written once, when it is added, and a reload reads
 * the items back one task at a time. Large state (thousands of crystals, runs of generated tensors) is then
 * never cloned whole on the main thread — a structured clone of 50k crystals takes most of a second.
 */
import { STORE, stateDatabase } from './persist';

export interface SavedList<T> {
  /** Adds an item under a key unique in the list. */
  add(key: string, item: T): Promise<unknown>;
  remove(key: string): Promise<unknown>;
  clear(): Promise<unknown>;
  /** Hands each saved item to `onItem`, in order, each in a task of its own; resolves when all are back. */
  restore(onItem: (item: T) => void): Promise<void>;
}

export function savedList<T>(name: string): SavedList<T> {
  const indexKey = `${name}:keys`;
  const itemKey = (key: string) => `${name}:${key}`;
  let writing: Promise<unknown> = Promise.resolve();
  // Writes run in order; one that fails (private mode, quota) costs what a reload remembers, not the session.
  const write = (work: () => Promise<unknown>) => (writing = writing.then(work).catch(() => undefined));
  const keysIn = async () => ((await (await stateDatabase()).get(STORE, indexKey)) as string[] | undefined) ?? [];

  async function update(change: (keys: string[]) => string[], records: [string, T | undefined][]): Promise<void> {
    const keys = await keysIn();
    const tx = (await stateDatabase()).transaction(STORE, 'readwrite');
    await Promise.all([
      ...records.map(([key, item]) => (item === undefined ? tx.store.delete(itemKey(key)) : tx.store.put(item, itemKey(key)))),
      tx.store.put(change(keys), indexKey),
      tx.done,
    ]);
  }

  return {
    add: (key, item) => write(() => update((keys) => [...keys.filter((k) => k !== key), key], [[key, item]])),
    remove: (key) => write(() => update((keys) => keys.filter((k) => k !== key), [[key, undefined]])),
    clear: () => write(async () => update(() => [], (await keysIn()).map((k) => [k, undefined]))),
    async restore(onItem) {
      try {
        const db = await stateDatabase();
        for (const key of await keysIn()) {
          const item = (await db.get(STORE, itemKey(key))) as T | undefined;
          if (item !== undefined) onItem(item);
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      } catch {
        // a database that cannot be read: the studio starts without what it held
      }
    },
  };
}
