import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { buildDataset } from '../../core/crystens/dataset';
import type { Crystal } from '../../core/crystal';
import { ingestFile } from '../../core/ingest/ingest';
import { createModel, modelConfig } from '../../ml/engine/factory';
import { MODEL_KINDS, PRESETS } from '../../ml/types';
import { loadModelWeights, type ModelFiles, readModelMetadata, saveModelFiles } from '../../ml/engine/model-files';
import { Trainer } from '../../ml/engine/trainer';
import type { ModelKind, Preset } from '../../ml/types';
import { parseArgs } from '../args';
import { listInputPaths, readInputFile, UsageError } from '../files';

export function readModelDir(dir: string): ModelFiles | undefined {
  const json = join(dir, 'model.json');
  if (!existsSync(json)) return undefined;
  return { modelJson: readFileSync(json, 'utf8'), weights: new Uint8Array(readFileSync(join(dir, 'weights.bin'))) };
}

export function writeModelDir(dir: string, files: ModelFiles): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'weights.bin'), files.weights);
  writeFileSync(join(dir, 'model.json'), files.modelJson);
}

function positiveInteger(value: string | true | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a positive integer, not ${String(value)}`);
  return n;
}

export async function runTrain(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ['model', 'data', 'steps', 'preset', 'batch', 'seed', 'out'], []);
  // --data takes every path after it: parseArgs gave us the first; the rest are positional.
  const dataPaths = [args.options.get('data'), ...args.positional].filter((p): p is string => typeof p === 'string');
  const dir = args.options.get('out');
  const steps = positiveInteger(args.options.get('steps'), 'steps');
  if (typeof dir !== 'string') throw new UsageError('train needs --out DIR');
  if (!steps) throw new UsageError('train needs --steps N');
  if (dataPaths.length === 0) throw new UsageError('train needs --data PATH...');

  await tf.setBackend('cpu');
  const existing = readModelDir(dir);
  const metadata = existing ? readModelMetadata(existing.modelJson) : undefined;
  const kind = (args.options.get('model') ?? metadata?.config.kind) as ModelKind | undefined;
  const preset = (args.options.get('preset') ?? metadata?.config.preset ?? 'small') as Preset;
  if (!kind || !MODEL_KINDS.includes(kind)) throw new UsageError(`--model must be one of ${MODEL_KINDS.join(', ')}`);
  if (!PRESETS.includes(preset)) throw new UsageError(`--preset must be one of ${PRESETS.join(', ')}`);
  if (metadata && metadata.config.kind !== kind) throw new UsageError(`${dir} holds a ${metadata.config.kind} model, not ${kind}`);

  const crystals: Crystal[] = listInputPaths(dataPaths).flatMap((p) => ingestFile(readInputFile(p)).flatMap((e) => (e.ok ? [e.crystal] : [])));
  const { dataset, skipped } = buildDataset(crystals, metadata?.config.normalization);
  if (dataset.entries.length === 0) throw new UsageError('no crystal in --data can be encoded');
  const config =
    metadata?.config ??
    modelConfig({ kind, preset, normalization: dataset.normalization, seed: positiveInteger(args.options.get('seed'), 'seed'), batchSize: positiveInteger(args.options.get('batch'), 'batch') });
  const model = createModel(config);
  if (existing) await loadModelWeights(model, existing);
  const startStep = metadata?.step ?? 0;
  out(`${kind} (${config.preset}) on ${dataset.entries.length} crystals (${skipped.length} skipped), batch ${config.batchSize}, steps ${startStep} → ${startStep + steps}, backend ${tf.getBackend()}`);

  let trainer: Trainer;
  const save = async (step: number) => writeModelDir(dir, await saveModelFiles(model, step));
  trainer = new Trainer(model, dataset, {
    totalSteps: startStep + steps,
    startStep,
    checkpointEvery: 50,
    onCheckpoint: save,
    onProgress: (e) => {
      if (e.notice) out(`notice: ${e.notice}`);
      if (e.state !== 'running') return;
      const losses = Object.entries(e.losses).map(([k, v]) => `${k} ${v.toFixed(4)}`).join('  ');
      out(`step ${e.step}/${e.totalSteps}  ${losses}  ${e.stepsPerSecond.toFixed(2)} steps/s  ETA ${Math.round(e.etaSeconds)} s`);
    },
  });
  await trainer.start();
  if (trainer.currentState === 'paused') await save(trainer.currentStep);
  trainer.dispose();
  model.dispose();
  out(`saved ${join(dir, 'model.json')} at step ${trainer.currentStep}`);
  return 0;
}
