/** Worker for bench/ingest.ts: reads the CIFs it is given and reports how many gave a crystal. */
import { parentPort, workerData } from 'node:worker_threads';
import { readCif } from '../src/core/cif/read';
import { initMoyoNode } from '../src/core/symmetry/moyo-node';

await initMoyoNode();
const cifs = workerData as string[];
parentPort!.on('message', () => {
  let crystals = 0;
  for (const cif of cifs) crystals += readCif(cif, 'bench').filter((r) => r.ok).length;
  parentPort!.postMessage(crystals);
});
parentPort!.postMessage('ready');
