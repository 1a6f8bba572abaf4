/**
 * Each library model's loss history, saved under its id in the studio's state database, so that a model's curves
 * come back with it after a reload or a switch, and other models' curves can be overlaid. Writes run in order;
 * one that fails is reported (save-problems.ts), as every save in the studio is.
 */
import { STORE, stateDatabase } from '../persist';
import { reportSaveFailure } from '../save-problems';
import type { LossPoint } from './store';

const key = (id: string) => `loss-history:${id}`;
let writing: Promise<unknown> = Promise.resolve();

function write(work: (db: Awaited<ReturnType<typeof stateDatabase>>) => Promise<unknown>): Promise<unknown> {
  writing = writing.then(async () => work(await stateDatabase())).catch((e: unknown) => reportSaveFailure('the loss curves (not all kept across a reload)', e));
  return writing;
}

export function saveLossHistory(id: string, history: readonly LossPoint[]): Promise<unknown> {
  return write((db) => db.put(STORE, history, key(id)));
}

export function removeLossHistory(id: string): Promise<unknown> {
  return write((db) => db.delete(STORE, key(id)));
}

/** The saved history of model `id` (empty when none was saved), once the writes before this call have landed. */
export async function loadLossHistory(id: string): Promise<readonly LossPoint[]> {
  await writing;
  try {
    return ((await (await stateDatabase()).get(STORE, key(id))) as LossPoint[] | undefined) ?? [];
  } catch (e) {
    reportSaveFailure('the loss curves of the last visit (not restored)', e);
    return [];
  }
}
