/** Small real training sets for the model tests: the first perov_5 crystals, encoded per batch. */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { buildDataset, type CrystalDataset, encodeBatch } from '../../core/crystens/dataset';
import { LAYERS, SIZE } from '../../core/crystens/layout';
import { ingestFile } from '../../core/ingest/ingest';
import { initMoyoNode } from '../../core/symmetry/moyo-node';
import { DATASETS } from '../../core/testing/corpus';

/** The first `count` crystals of perov_5's validation split, on the cpu backend. */
export async function perovDataset(count: number): Promise<CrystalDataset> {
  await tf.setBackend('cpu');
  await initMoyoNode();
  const entries = ingestFile({ name: 'perov_5/val.csv', bytes: readFileSync(DATASETS.perov5) });
  return buildDataset(entries.flatMap((e) => (e.ok ? [e.crystal] : [])).slice(0, count)).dataset;
}

/** Batch `step` of a fixed cycle through the dataset. */
export function cyclicBatch(dataset: CrystalDataset, step: number, batch: number): tf.Tensor4D {
  const indices = Array.from({ length: batch }, (_, i) => (step * batch + i) % dataset.entries.length);
  return tf.tensor4d(encodeBatch(dataset, indices), [batch, SIZE, SIZE, LAYERS]);
}
