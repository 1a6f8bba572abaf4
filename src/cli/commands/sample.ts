import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { ENTRIES, LAYERS, SIZE } from '../../core/crystens/layout';
import { writeNpy } from '../../core/crystens/npy';
import { createModel } from '../../ml/engine/factory';
import { loadModelWeights } from '../../ml/engine/model-files';
import { sampleInChunks } from '../../ml/engine/sampling';
import { type ElementChoice, ELEMENT_CHOICES, type Sampler } from '../../ml/types';
import { parseArgs } from '../args';
import { UsageError } from '../files';
import { metaPathFor } from './encode';
import { inModelDir, readCheckedModelDir } from '../../ml/engine/model-folder';

export async function runSample(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ['model', 'n', 'out', 'sampler', 'steps', 'seed', 'elements'], []);
  const dir = args.options.get('model');
  const target = args.options.get('out');
  const n = Number(args.options.get('n'));
  if (typeof dir !== 'string') throw new UsageError('sample needs --model DIR');
  if (typeof target !== 'string' || !target.endsWith('.npy')) throw new UsageError('sample needs --out X.npy');
  if (!Number.isInteger(n) || n < 1) throw new UsageError('sample needs --n N (a positive integer)');
  const sampler = (args.options.get('sampler') ?? 'ddim') as Sampler;
  if (sampler !== 'ddpm' && sampler !== 'ddim') throw new UsageError('--sampler is ddpm or ddim');
  const elements = (args.options.get('elements') ?? 'training') as ElementChoice;
  if (!ELEMENT_CHOICES.includes(elements)) throw new UsageError(`--elements is ${ELEMENT_CHOICES.join(' or ')}`);
  const steps = args.options.has('steps') ? Number(args.options.get('steps')) : 50;
  const checked = readCheckedModelDir(dir);
  if (!checked) throw new UsageError(`no model in ${dir} (model.json not found)`);
  const { files, metadata } = checked;
  // tfjs's wasm backend infers several times faster than its cpu backend (bench:ml); cpu where wasm cannot start.
  const backend = (await tf.setBackend('wasm').catch(() => false)) ? 'wasm' : 'cpu';
  if (backend === 'cpu') await tf.setBackend('cpu');
  const model = createModel(metadata.config);
  try {
    await loadModelWeights(model, files);
  } catch (e) {
    model.dispose();
    throw inModelDir(dir, e);
  }
  const data = new Float32Array(n * ENTRIES);
  const seed = args.options.has('seed') ? Number(args.options.get('seed')) : undefined;
  let reported = -1;
  const produced = await sampleInChunks(model, n, {
    sampler,
    steps,
    elements,
    seed,
    onChunk: (tensors, offset) => data.set(tensors, offset * ENTRIES),
    onProgress: (f) => {
      const percent = Math.floor(f * 10) * 10;
      if (percent > reported) out(`sampling ${percent} %`);
      reported = Math.max(reported, percent);
    },
  });
  model.dispose();
  writeFileSync(target, writeNpy([produced, SIZE, SIZE, LAYERS], data.subarray(0, produced * ENTRIES)));
  writeFileSync(metaPathFor(target), JSON.stringify({ shape: [produced, SIZE, SIZE, LAYERS], normalization: metadata.config.normalization, model: metadata.config, step: metadata.step }, null, 1));
  const held = metadata.config.elements && elements === 'training' ? `, atoms from its ${metadata.config.elements.length} training elements` : '';
  out(`wrote ${produced} tensors to ${target} (${metadata.config.kind}, step ${metadata.step}, sampled on ${backend}${held})`);
  return 0;
}
