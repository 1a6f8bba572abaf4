/**
 * `crystens train`: a face over the studio's TrainingSession (src/ml/engine/session.ts) with its checkpoints in the
 * --out folder (FolderCheckpointStore), so that DIR always holds the model as the studio exports it and a second
 * run resumes from it. This file reads the flags, prints the lines docs/cli.md gives, and ends the run at --minutes.
 */
import { join } from 'node:path';
import { buildDataset } from '../../core/crystens/dataset';
import type { Crystal } from '../../core/crystal';
import { ingestFile } from '../../core/ingest/ingest';
import { FolderCheckpointStore } from '../../ml/engine/checkpoint-folder';
import { inModelDir, MODEL_JSON } from '../../ml/engine/model-folder';
import { type SessionStatus, TrainingSession } from '../../ml/engine/session';
import { NODE_TRAINING_BACKENDS, type NodeTrainingBackend, useTrainingBackend as startTrainingBackend } from '../../ml/engine/training-backend';
import type { ProgressEvent } from '../../ml/engine/trainer';
import type { HyperOverrides, HyperValue } from '../../ml/hyper';
import { checkHyper } from '../../ml/hyper-ranges';
import { MODEL_KINDS, PRESETS } from '../../ml/types';
import type { ModelKind, Preset } from '../../ml/types';
import { parseArgs } from '../args';
import { listInputPaths, readInputFile, UsageError } from '../files';

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

/** A --hyper value as the preset tables hold it: a number, a flag (true or false), or a choice's name. */
function hyperValue(text: string): HyperValue {
  if (text === 'true' || text === 'false') return text === 'true';
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

/**
 * --hyper NAME=VALUE[,NAME=VALUE…]: overrides of the preset's hyper-parameters for a new model, checked against
 * the same ranges as the Train panel's form and a model.json (engine/factory.ts modelConfig).
 */
export function parseHyper(value: string | true | undefined): HyperOverrides | undefined {
  if (value === undefined) return undefined;
  const pairs = typeof value === 'string' ? value.split(',').map((pair) => pair.split('=')) : [];
  const malformed = pairs.length === 0 || pairs.some((p) => p.length !== 2 || p[0]!.trim() === '' || p[1]!.trim() === '');
  if (malformed) throw new UsageError(`--hyper takes NAME=VALUE pairs separated by commas (learningRate=1e-3,decaySteps=0), not ${String(value)}`);
  return Object.fromEntries(pairs.map(([name, text]) => [name!.trim(), hyperValue(text!.trim())]));
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

/** Milliseconds on a monotonic clock; tests pass their own to end a --minutes run at a step they choose. */
export type Clock = () => number;

export async function runTrain(argv: readonly string[], out: (s: string) => void, now: Clock = () => performance.now()): Promise<number> {
  const args = parseArgs(argv, ['model', 'data', 'steps', 'preset', 'batch', 'seed', 'out', 'backend', 'minutes', 'hyper'], ['json']);
  // --data takes every path after it: parseArgs gave us the first; the rest are positional.
  const dataPaths = [args.options.get('data'), ...args.positional].filter((p): p is string => typeof p === 'string');
  const dir = args.options.get('out');
  const steps = positiveInteger(args.options.get('steps'), 'steps');
  const minutes = positiveNumber(args.options.get('minutes'), 'minutes');
  const seed = positiveInteger(args.options.get('seed'), 'seed');
  const batchSize = positiveInteger(args.options.get('batch'), 'batch');
  const hyper = parseHyper(args.options.get('hyper'));
  const json = args.options.has('json');
  if (typeof dir !== 'string') throw new UsageError('train needs --out DIR');
  if (!steps) throw new UsageError('train needs --steps N');
  if (dataPaths.length === 0) throw new UsageError('train needs --data PATH...');
  const requestedKind = args.options.get('model') as ModelKind | undefined;
  const requestedPreset = args.options.get('preset') as Preset | undefined;
  if (requestedKind !== undefined && !MODEL_KINDS.includes(requestedKind)) throw new UsageError(`--model must be one of ${MODEL_KINDS.join(', ')}`);
  if (requestedPreset !== undefined && !PRESETS.includes(requestedPreset)) throw new UsageError(`--preset must be one of ${PRESETS.join(', ')}`);

  const backend = await useTrainingBackend(args.options.get('backend') as string | undefined);
  const session = new TrainingSession(new FolderCheckpointStore(dir));
  try {
    // DIR's model, if it holds one, is the session's saved checkpoint. It comes before the crystals, so that they
    // are encoded once, with its normalisation bounds.
    const resumed = await session.resumeSaved().catch((e: unknown) => {
      throw inModelDir(dir, e);
    });
    const kind = requestedKind ?? resumed?.config.kind;
    if (!kind) throw new UsageError(`--model must be one of ${MODEL_KINDS.join(', ')}`);
    if (resumed && resumed.config.kind !== kind) throw new UsageError(`${dir} holds a ${resumed.config.kind} model, not ${kind}`);
    if (resumed && hyper) throw new UsageError(`${dir} holds a model, which keeps its hyper-parameters: --hyper is for a new one`);

    const crystals: Crystal[] = listInputPaths(dataPaths).flatMap((p) => ingestFile(readInputFile(p)).flatMap((e) => (e.ok ? [e.crystal] : [])));
    const summary = session.setDataset(buildDataset(crystals));
    if (summary.crystals === 0) throw new UsageError('no crystal in --data can be encoded');
    const preset = requestedPreset ?? 'small';
    const problem = hyper && checkHyper(kind, preset, hyper).problems?.[0];
    if (problem) throw new UsageError(`--hyper: ${problem.message}`);
    const status: SessionStatus = resumed ?? (await session.newModel({ kind, preset, seed, batchSize, hyper }));
    const { config } = status;
    const totalSteps = status.step + steps;
    const header = { kind, preset: config.preset, crystals: summary.crystals, skipped: summary.skipped.length, batch: config.batchSize, startStep: status.step, totalSteps, backend };
    out(json ? JSON.stringify(header) :
      `${kind} (${config.preset}) on ${summary.crystals} crystals (${summary.skipped.length} skipped), batch ${config.batchSize}, steps ${status.step} → ${totalSteps}, backend ${backend}`);

    const deadline = minutes === undefined ? Number.POSITIVE_INFINITY : now() + minutes * 60_000;
    await session.train(totalSteps, (e) => {
      if (e.notice) out(json ? JSON.stringify({ notice: e.notice }) : `notice: ${e.notice}`);
      if (e.state !== 'running') return;
      const line: ProgressLine = { step: e.step, totalSteps: e.totalSteps, losses: e.losses, stepsPerSecond: e.stepsPerSecond, backend: e.backend };
      out(json ? JSON.stringify(line) : progressText(e));
      // The session saves a checkpoint when paused: past the deadline, that one ends the run.
      if (now() >= deadline) void session.pause();
    });
    const saved = join(dir, MODEL_JSON);
    const step = session.status!.step;
    out(json ? JSON.stringify({ saved, step }) : `saved ${saved} at step ${step}`);
    return 0;
  } finally {
    session.dispose();
  }
}
