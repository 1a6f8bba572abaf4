/** A database of one object store, opened on first use (the checkpoints' and the remembered trials' alike). */
import { type IDBPDatabase, openDB } from 'idb';

export function lazyDatabase(database: string, store: string): () => Promise<IDBPDatabase> {
  let db: Promise<IDBPDatabase> | undefined;
  return () =>
    (db ??= openDB(database, 1, {
      upgrade(created) {
        if (!created.objectStoreNames.contains(store)) created.createObjectStore(store);
      },
    }));
}
