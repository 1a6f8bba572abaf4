/**
 * One decoded sample: the Reconstruct panel's traced decoding is the decoding the gallery, the 3-D view and the
 * export get — same crystal, same validity and metrics — with the trace of the one reconstruction it was made from.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../ingest/ingest';
import { seededRandom } from '../random';
import { initMoyoNode } from '../symmetry/moyo-node';
import { DATASETS } from '../testing/corpus';
import { decodeTensor, decodeTensorTraced } from './decode';
import { encodeCrystal } from './encode';
import { normalizationFor } from './layout';
import { DEFAULT_CLUSTERING, PAPER_CLUSTERING } from './reconstruct';

const normalization = normalizationFor(7);
let tensors: Float32Array[] = [];

beforeAll(async () => {
  await initMoyoNode();
  const crystals = ingestFile({ name: 'val.csv', bytes: readFileSync(DATASETS.perov5) }).slice(0, 12).flatMap((e) => (e.ok ? [e.crystal] : []));
  // Noised as a generator's output would be, so that the choice of k matters.
  const random = seededRandom(3);
  tensors = crystals.map((c) => {
    const e = encodeCrystal(c, normalization);
    if (!e.ok) throw new Error(e.reason);
    return e.tensor.map((v) => Math.min(1, Math.max(0, v + 0.02 * (random() - 0.5))));
  });
});

describe('a traced decoding', () => {
  it.each([['automatic k', DEFAULT_CLUSTERING], ["the paper's k", PAPER_CLUSTERING]])('is the decoding, with its trace (%s)', (_, options) => {
    for (const [i, tensor] of tensors.entries()) {
      const { decoded, reconstruction } = decodeTensorTraced(tensor, normalization, options, i, `sample ${i}`);
      expect(decoded).toEqual(decodeTensor(tensor, normalization, options, i, `sample ${i}`));
      expect(reconstruction.ok).toBe(decoded.ok);
      if (reconstruction.ok && decoded.ok) {
        expect(decoded.crystal.sites).toEqual(reconstruction.crystal.sites);
        expect(decoded.crystal.lattice).toEqual(reconstruction.crystal.lattice);
        expect(reconstruction.trace.atomCount).toBe(decoded.crystal.sites.length);
      }
    }
  });
});
