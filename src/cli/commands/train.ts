import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Crystal } from '../../core/crystal';
import { ingestFile } from '../../core/ingest/ingest';
import type { CheckpointStore } from '../../ml/engine/checkpoint-store';
import { type ModelFiles, type ModelMetadata, readModelFiles } from '../../ml/engine/model-files';
import { ModelRefusal } from '../../ml/engine/model-refusal';
import { CURRENT, TrainingSession } from '../../ml/engine/session';
import { NODE_TRAINING_BACKENDS, type NodeTrainingBackend, useTrainingBackend as startTrainingBackend } from '../../ml/engine/training-backend';
import type { ProgressEvent } from '../../ml/engine/trainer';
import { MODEL_KINDS, PRESETS } from '../../ml/types';
import type { ModelKind, Preset } from '../../ml/types';
import { parseArgs } from '../args';
import { listInputPaths, readInputFile, UsageError } from '../files';

export function readModelDir(dir: string): ModelFiles | undefined {
  const json = join(dir, 'model.json');
  if (!existsSync(json)) return undefined;
  const weights = join(dir, 'weights.bin');
  if (!existsSync(weights)) throw new ModelRefusal(`${weights} is missing beside model.json`);
  return { modelJson: readFileSync(json, 'utf8'), weights: new Uint8Array(readFileSync(weights)) };
}

/**
 * A model folder's files and metadata, both files checked before anything is built (model-check.ts); a refusal
 * names the folder's file (`DIR/model.json: …`). Undefined where the folder holds no model.json.
 */
export function readCheckedModelDir(dir: string): { files: ModelFiles; metadata: ModelMetadata } | undefined {
  const files = readModelDir(dir);
  if (!files) return undefined;
  try {
    return { files, metadata: readModelFiles(files) };
  } catch (e) {
    throw inModelDir(dir, e);
  }
}

/** A refusal of the model in folder `dir`, naming the folder too (model-check.ts's refusals start with the file). */
export function inModelDir(dir: string, e: unknown): unknown {
  // Not path.join: it would normalise the message too.
  return e instanceof ModelRefusal ? new ModelRefusal(`${dir.replace(/[\\/]+$/, '')}${sep}${e.message}`) : e;
}

export function writeModelDir(dir: string, files: ModelFiles): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'weights.bin'), files.weights);
  writeFileSync(join(dir, 'model.json'), files.modelJson);
}

/** The session's checkpoints as model folders: the current one is DIR itself, any other key a folder inside it. */
export class FolderCheckpointStore implements CheckpointStore {
  constructor(private readonly dir: string) {}
  private folder(key: string): string {
    return key === CURRENT ? this.dir : join(this.dir, key);
  }
  async save(key: string, files: ModelFiles): Promise<void> {
    writeModelDir(this.folder(key), files);
  }
  async load(key: string): Promise<ModelFiles | undefined> {
    return readModelDir(this.folder(key));
  }
  async remove(key: string): Promise<void> {
    const folder = this.folder(key);
    rmSync(join(folder, 'model.json'), { force: true });
    rmSync(join(folder, 'weights.bin'), { force: true });
  }
}

/**
 * Starts the backend `crystens train` uses: the one asked for, or the engine's default for Node (wasm, with the
 * training kernels src/ml registers, where it starts; else cpu). A name Node has no backend for is a usage error.
 */
export async function useTrainingBackend(requested: string | undefined): Promise<NodeTrainingBackend> {
  if (requested !== undefined && !(NODE_TRAINING_BACKENDS as readonly string[]).includes(requested)) {
    throw new UsageError(`--backend must be one of ${NODE_TRAINING_BACKENDS.join(', ')}`);
  }
  return (await startTrainingBackend(requested as NodeTrainingBackend | undefined)) as NodeTrainingBackend;
}

/** Sites of the largest crystal a CrysTens can hold (larger ones are skipped by the dataset). */
function positiveInteger(value: string | true | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a positive integer, not ${String(value)}`);
  return n;
}

function positiveNumber(value: string | true | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`--${name} takes a positive number, not ${String(value)}`);
  return n;
}

/** What --json prints per progress line (docs/cli.md). */
export interface ProgressLine {
  readonly step: number;
  readonly totalSteps: number;
  readonly losses: Readonly<Record<string, number>>;
  readonly stepsPerSecond: number;
  readonly backend: string;
}

function progressText(e: ProgressEvent): string {
  const losses = Object.entries(e.losses).map(([k, v]) => `${k} ${v.toFixed(4)}`).join('  ');
  return `step ${e.step}/${e.totalSteps}  ${losses}  ${e.stepsPerSecond.toFixed(2)} steps/s  ETA ${Math.round(e.etaSeconds)} s`;
}

export async function runTrain(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ['model', 'data', 'steps', 'preset', 'batch', 'seed', 'out', 'backend', 'minutes'], ['json']);
  // --data takes every path after it: parseArgs gave us the first; the rest are positional.
  const dataPaths = [args.options.get('data'), ...args.positional].filter((p): p is string => typeof p === 'string');
  const dir = args.options.get('out');
  const steps = positiveInteger(args.options.get('steps'), 'steps');
  const minutes = positiveNumber(args.options.get('minutes'), 'minutes');
  const json = args.options.has('json');
  if (typeof dir !== 'string') throw new UsageError('train needs --out DIR');
  if (!steps) throw new UsageError('train needs --steps N');
  if (dataPaths.length === 0) throw new UsageError('train needs --data PATH...');

  const backend = await useTrainingBackend(args.options.get('backend') as string | undefined);
  const store = new FolderCheckpointStore(dir);
  const checked = readCheckedModelDir(dir);
  const existing = checked?.files;
  const metadata = checked?.metadata;
  const kind = (args.options.get('model') ?? metadata?.config.kind) as ModelKind | undefined;
  const preset = (args.options.get('preset') ?? metadata?.config.preset ?? 'small') as Preset;
  if (!kind || !MODEL_KINDS.includes(kind)) throw new UsageError(`--model must be one of ${MODEL_KINDS.join(', ')}`);
  if (!PRESETS.includes(preset)) throw new UsageError(`--preset must be one of ${PRESETS.join(', ')}`);
  if (metadata && metadata.config.kind !== kind) throw new UsageError(`${dir} holds a ${metadata.config.kind} model, not ${kind}`);

  const crystals: Crystal[] = listInputPaths(dataPaths).flatMap((p) => ingestFile(readInputFile(p)).flatMap((e) => (e.ok ? [e.crystal] : [])));
  const session = new TrainingSession(store);
  try {
    // A resumed model keeps its normalisation bounds: its crystals are encoded with them once it is imported.
    let status;
    if (existing) status = await session.importModel(existing).catch((e: unknown) => Promise.reject(inModelDir(dir, e)));
    const summary = session.setCrystals(crystals);
    if (summary.crystals === 0) throw new UsageError('no crystal in --data can be encoded');
    status ??= await session.newModel({
      kind,
      preset,
      seed: positiveInteger(args.options.get('seed'), 'seed'),
      batchSize: positiveInteger(args.options.get('batch'), 'batch'),
    });
    const { config } = status;
    const totalSteps = status.step + steps;
    const header = { kind, preset: config.preset, crystals: summary.crystals, skipped: summary.skipped.length, batch: config.batchSize, startStep: status.step, totalSteps, backend };
    out(json ? JSON.stringify(header) :
      `${kind} (${config.preset}) on ${summary.crystals} crystals (${summary.skipped.length} skipped), batch ${config.batchSize}, steps ${status.step} → ${totalSteps}, backend ${backend}`);

    const deadline = minutes === undefined ? Number.POSITIVE_INFINITY : performance.now() + minutes * 60_000;
    await session.train(totalSteps, (e) => {
      if (e.notice) out(json ? JSON.stringify({ notice: e.notice }) : `notice: ${e.notice}`);
      if (e.state !== 'running') return;
      const line: ProgressLine = { step: e.step, totalSteps: e.totalSteps, losses: e.losses, stepsPerSecond: e.stepsPerSecond, backend: e.backend };
      out(json ? JSON.stringify(line) : progressText(e));
      // A pause saves a checkpoint at this step: the run ends at the first checkpoint after the deadline.
      if (performance.now() >= deadline) void session.pause();
    });
    const step = session.status!.step;
    out(json ? JSON.stringify({ saved: join(dir, 'model.json'), step }) : `saved ${join(dir, 'model.json')} at step ${step}`);
    return 0;
  } finally {
    session.dispose();
  }
}
