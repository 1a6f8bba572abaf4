/**
 * A model's files are data from anywhere (an import, a folder, a download): they are checked here before anything
 * is built from them, and refused with one line (ModelRefusal) that names the file and the field. Without these
 * checks a hyper-parameter of 10⁹ allocated until the process died, a short weights.bin failed deep inside tfjs,
 * and NaN weights sampled all-zero tensors without a word.
 *
 * model.json: a known kind and preset, a non-negative integer step, a finite positive length bound, each
 * hyper-parameter known to the kind and within its range (hyper-ranges.ts, the Train panel's form checks against
 * the same), a shape the networks can be made in, and an estimated size (model-size.ts) within
 * MODEL_MEMORY_LIMIT_BYTES. A version 1 file's numeric hyper-parameters are converted first (model-format-v1.ts),
 * and the keys a file lacks are filled from its preset: the config returned is complete and typed.
 * weights.bin: one weights group, float32 tensors (the optimiser's iteration count is int32), the byte length the
 * manifest describes, every value finite; then, against the model built from the checked config, every variable
 * present with its shape and nothing else.
 */
import { checkHyper, settingProblem, show } from '../hyper-ranges';
import { MODEL_KINDS, type ModelConfig, type ModelKind, type Preset, PRESETS } from '../types';
import type { ParameterStore } from '../nn/params';
import { hyperFromVersion1 } from './model-format-v1';
import { ModelRefusal } from './model-refusal';
import { estimateModelSize } from './model-size';

/**
 * What a model may hold between steps (model-size.ts: weights, EMA copy, Adam's moments). The largest network the
 * studio makes, the paper preset's U-Net (267 M parameters), holds 4.0 GiB; the GANs' paper presets far less.
 */
export const MODEL_MEMORY_LIMIT_BYTES = 4.5 * 2 ** 30;

/**
 * Hyper-parameters added after models were first saved, with what a file written before each meant: a diffusion
 * model without `network` was a U-Net (before the slot transformer), without `atomicNumberWeight` weighed every
 * entry alike, without `decaySteps` trained at a constant rate. Other missing keys take the preset's values.
 */
const BEFORE_THE_KEY: Readonly<Record<ModelKind, Readonly<Record<string, unknown>>>> = {
  gan: {},
  wgan: {},
  diffusion: { network: 'unet', atomicNumberWeight: 1, decaySteps: 0 },
};

/**
 * The checked config of a model.json's metadata (of format `version`), with every hyper-parameter of its family;
 * throws a ModelRefusal naming the first field that is wrong.
 */
export function checkModelConfig(value: unknown, version: number): ModelConfig {
  function refuse(what: string): never {
    throw new ModelRefusal(`model.json: ${what}`);
  }
  if (!isRecord(value)) refuse('holds no model config');
  const { kind, preset, seed, batchSize, normalization, elements, hyper } = value;
  if (!MODEL_KINDS.includes(kind as ModelKind)) refuse(`the kind ${show(kind)} is none of ${MODEL_KINDS.join(', ')}`);
  if (!PRESETS.includes(preset as Preset)) refuse(`the preset ${show(preset)} is none of ${PRESETS.join(', ')}`);
  const setting = settingProblem('seed', seed) ?? settingProblem('batchSize', batchSize);
  if (setting) refuse(setting.message);
  const lengthBound = isRecord(normalization) ? normalization.lengthBound : undefined;
  if (!(typeof lengthBound === 'number' && Number.isFinite(lengthBound) && lengthBound > 0)) {
    refuse(`the normalisation's length bound ${show(lengthBound)} is not a finite positive number of ångströms`);
  }
  if (elements !== undefined && !isElementList(elements)) {
    refuse(`the training elements ${show(elements)} are not distinct atomic numbers from 1 to 118 in ascending order`);
  }
  if (!isRecord(hyper)) refuse('holds no hyper-parameters');
  const given = { ...BEFORE_THE_KEY[kind as ModelKind], ...(version === 1 ? hyperFromVersion1(hyper) : hyper) };
  const checked = checkHyper(kind as ModelKind, preset as Preset, given);
  if (checked.problems) refuse(checked.problems[0]!.message);
  const config = { kind, preset, seed, batchSize, normalization: { lengthBound }, ...(elements !== undefined && { elements }), hyper: checked.hyper } as ModelConfig;
  let size;
  try {
    size = estimateModelSize(config);
  } catch (e) {
    // The networks' own shape checks: widths that do not split into heads or groups, a square levels do not fit.
    refuse(e instanceof Error ? e.message : String(e));
  }
  if (size.bytes > MODEL_MEMORY_LIMIT_BYTES) {
    refuse(`a ${config.kind} model of ${formatCount(size.parameters)} parameters would hold ${formatGiB(size.bytes)} with its optimiser state; the studio loads up to ${formatGiB(MODEL_MEMORY_LIMIT_BYTES)}`);
  }
  return config;
}

function isElementList(value: unknown): value is number[] {
  return Array.isArray(value) && value.length <= 118 && value.every((z, i) => isIntegerIn(z, 1, 118) && (i === 0 || z > value[i - 1]));
}

/** The step of a model.json's metadata: a non-negative integer. */
export function checkStep(step: unknown): number {
  if (!(typeof step === 'number' && Number.isSafeInteger(step) && step >= 0)) throw new ModelRefusal(`model.json: the step ${show(step)} is not a non-negative integer`);
  return step;
}

/** One tensor of weights.bin, where it lies (in 4-byte entries from the start) and how many entries it has. */
export interface WeightEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly offset: number;
  readonly size: number;
}

const ENTRY_BYTES = 4; // float32 and int32 alike
const OPTIMIZER_PREFIX = 'optimizer:';

/**
 * weights.bin against the manifest of model.json (its parsed JSON): the tensors it lists, each well-formed, their
 * bytes adding up to the file's, every float finite. Throws a ModelRefusal.
 */
export function checkWeightsFile(modelJson: unknown, weights: Uint8Array): WeightEntry[] {
  const groups = isRecord(modelJson) ? modelJson.weightsManifest : undefined;
  if (!Array.isArray(groups) || groups.length !== 1 || !isRecord(groups[0]) || !Array.isArray(groups[0].weights)) {
    throw new ModelRefusal('model.json: the weights manifest is not one group of weights (weights.bin)');
  }
  const entries: WeightEntry[] = [];
  const names = new Set<string>();
  let offset = 0;
  for (const spec of groups[0].weights as unknown[]) {
    const entry = checkSpec(spec, offset);
    if (names.has(entry.name)) throw new ModelRefusal(`model.json: the weight ${entry.name} is listed twice`);
    names.add(entry.name);
    entries.push(entry);
    offset += entry.size;
  }
  if (weights.byteLength !== offset * ENTRY_BYTES) {
    throw new ModelRefusal(`weights.bin holds ${weights.byteLength} bytes; model.json describes ${offset * ENTRY_BYTES}`);
  }
  // A copy only where the bytes do not start on a 4-byte boundary (a typed-array view needs one).
  const aligned = weights.byteOffset % ENTRY_BYTES === 0 ? weights : weights.slice();
  const floats = new Float32Array(aligned.buffer, aligned.byteOffset, offset);
  for (const entry of entries) {
    if (entry.dtype !== 'float32') continue;
    for (let i = 0; i < entry.size; i++) {
      const v = floats[entry.offset + i]!;
      if (!Number.isFinite(v)) throw new ModelRefusal(`weights.bin: ${entry.name} holds ${v} (entry ${i} of ${entry.size})`);
    }
  }
  return entries;
}

function checkSpec(spec: unknown, offset: number): WeightEntry {
  if (!isRecord(spec) || typeof spec.name !== 'string') throw new ModelRefusal('model.json: a weight of the manifest has no name');
  const { name, shape, dtype } = spec;
  if (!Array.isArray(shape) || !shape.every((d): d is number => isIntegerIn(d, 0, Number.MAX_SAFE_INTEGER))) {
    throw new ModelRefusal(`model.json: the weight ${name} has the shape ${show(shape)}, not a list of sizes`);
  }
  if (spec.quantization !== undefined) throw new ModelRefusal(`model.json: the weight ${name} is quantised; the studio writes float32`);
  // Adam's iteration count is the only integer tensor the studio writes (tfjs saves it as int32).
  const iteration = name.startsWith(OPTIMIZER_PREFIX) && name.endsWith('iter') && shape.length === 0;
  if (dtype !== 'float32' && !(iteration && dtype === 'int32')) {
    throw new ModelRefusal(`model.json: the weight ${name} is ${show(dtype)}; the studio reads float32`);
  }
  return { name, shape, dtype, offset, size: shape.reduce((a, b) => a * b, 1) };
}

/**
 * The checked weights against the model built from the checked config: every variable of every store (named
 * `role/variable`) present with its shape, and no weight the model lacks (the optimiser's state aside).
 */
export function checkWeightsMatchModel(entries: readonly WeightEntry[], stores: Readonly<Record<string, ParameterStore>>, kind: ModelKind): void {
  const listed = new Map(entries.map((e) => [e.name, e]));
  const expected = new Set<string>();
  for (const [role, store] of Object.entries(stores)) {
    for (const variable of store.names()) {
      const name = `${role}/${variable}`;
      expected.add(name);
      const entry = listed.get(name);
      const shape = store.variable(variable)!.shape;
      if (!entry) throw new ModelRefusal(`weights.bin lacks ${name}, which a ${kind} model of this config has`);
      if (entry.shape.join() !== shape.join()) {
        throw new ModelRefusal(`weights.bin: ${name} has the shape ${dims(entry.shape)}; this config makes it ${dims(shape)}`);
      }
    }
  }
  const extra = entries.find((e) => !e.name.startsWith(OPTIMIZER_PREFIX) && !expected.has(e.name));
  if (extra) throw new ModelRefusal(`weights.bin holds ${extra.name}, which a ${kind} model of this config does not have`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

const dims = (shape: readonly number[]) => (shape.length === 0 ? 'scalar' : shape.join(' × '));

function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toPrecision(3)} G`;
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)} M`;
  return n.toLocaleString('en');
}

const formatGiB = (bytes: number) => `${(bytes / 2 ** 30).toPrecision(3)} GiB`;
