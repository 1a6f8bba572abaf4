/**
 * A worker thread of the CLI's ingest pool (ingest-pool.ts): reads the units it is sent, answers with their
 * entries. Symmetry detection needs moyo loaded in this thread too.
 */
import { parentPort } from 'node:worker_threads';
import { type IngestUnit, readUnit } from '../core/ingest/ingest';
import { initMoyoNode } from '../core/symmetry/moyo-node';
import type { IngestTask } from './ingest-pool';

await initMoyoNode();
const port = parentPort!;
port.on('message', ({ id, units, symprec }: IngestTask) => {
  port.postMessage({ id, entries: units.flatMap((unit: IngestUnit) => readUnit(unit, symprec)) });
});
