/**
 * Pretrained start points: models trained with `crystens train`, shipped as static files under public/models/
 * (one folder per model, model.json + weights.bin as saveModelFiles writes them) and listed in
 * public/models/index.json. This module owns that manifest: its type, the validation of what a server sends,
 * the entry a release writes for a model folder, and fetching a model's files by URL. The worker only calls it.
 */
import type { ModelKind, Preset } from '../types';
import { MODEL_KINDS, PRESETS } from '../types';
import { type ModelFiles, readModelMetadata } from './model-files';

export const MANIFEST_FORMAT = 'crystens-studio-pretrained';
export const MANIFEST_VERSION = 1;
/** The manifest's name inside the models folder. */
export const MANIFEST_FILE = 'index.json';

/**
 * The field's metrics of a released model, sampled with the defaults and measured against the dataset's test
 * split (novelty against its validation split), as `bench:quality` prints them. Fractions in [0, 1].
 */
export interface ReleaseMetrics {
  /** How many samples the figures are over. */
  readonly samples: number;
  readonly valid?: number;
  readonly unique?: number;
  readonly novel?: number;
  readonly covR?: number;
  readonly covP?: number;
  /** K–S D of the lattice lengths a, b, c. */
  readonly ksA?: number;
  readonly ksB?: number;
  readonly ksC?: number;
  /** Fraction of samples with the dataset's usual site count (5 for perov_5). */
  readonly usualSites?: number;
}

/** What a release records by hand for a model folder (release.json beside model.json). */
export interface Release {
  readonly dataset: string;
  /** The exact command that trains it, for anyone to retrain. */
  readonly recipe: string;
  readonly metrics?: ReleaseMetrics;
  /** Wall time of the training run and the machine it ran on, as free text ("19 min, 2-core Xeon, wasm"). */
  readonly trainedOn?: string;
}

export interface PretrainedModel extends Release {
  /** The folder's name under models/: `<dataset>-<kind>`. */
  readonly id: string;
  readonly kind: ModelKind;
  readonly preset: Preset;
  /** Parameters the model learns (a diffusion model's EMA copy not counted twice). */
  readonly parameters: number;
  /** model.json and weights.bin together: what a researcher downloads. */
  readonly bytes: number;
  /** Training steps done. */
  readonly steps: number;
}

export interface PretrainedManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: number;
  readonly models: readonly PretrainedModel[];
}

const METRIC_NAMES = ['valid', 'unique', 'novel', 'covR', 'covP', 'ksA', 'ksB', 'ksC', 'usualSites'] as const;
/** Folder names become URL path segments: nothing that could leave the models folder. */
const ID_PATTERN = /^[A-Za-z0-9_.-]+$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(entry: Json, field: string, where: string): string {
  const v = entry[field];
  if (typeof v !== 'string' || v.length === 0) throw new Error(`${where}: ${field} should be a non-empty string`);
  return v;
}

function count(entry: Json, field: string, where: string): number {
  const v = entry[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`${where}: ${field} should be a whole number ≥ 0`);
  return v;
}

function readMetrics(v: unknown, where: string): ReleaseMetrics | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) throw new Error(`${where}: metrics should be an object`);
  const metrics: Record<string, number> = { samples: count(v, 'samples', `${where} metrics`) };
  for (const name of METRIC_NAMES) {
    const value = v[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new Error(`${where}: metrics.${name} should be a fraction in [0, 1]`);
    metrics[name] = value;
  }
  return metrics as unknown as ReleaseMetrics;
}

/** The hand-written part of an entry (release.json, or the same fields inside a manifest entry). */
export function readRelease(v: unknown, where = 'release.json'): Release {
  if (!isObject(v)) throw new Error(`${where} should be an object`);
  const trainedOn = v.trainedOn === undefined ? undefined : text(v, 'trainedOn', where);
  const metrics = readMetrics(v.metrics, where);
  return { dataset: text(v, 'dataset', where), recipe: text(v, 'recipe', where), ...(metrics && { metrics }), ...(trainedOn && { trainedOn }) };
}

function readEntry(v: unknown, index: number): PretrainedModel {
  const where = `models[${index}]`;
  if (!isObject(v)) throw new Error(`${where} should be an object`);
  const id = text(v, 'id', where);
  if (!ID_PATTERN.test(id)) throw new Error(`${where}: id "${id}" should be a folder name (letters, digits, _ . -)`);
  const kind = v.kind as ModelKind;
  if (!MODEL_KINDS.includes(kind)) throw new Error(`${where}: kind should be one of ${MODEL_KINDS.join(', ')}`);
  const preset = v.preset as Preset;
  if (!PRESETS.includes(preset)) throw new Error(`${where}: preset should be one of ${PRESETS.join(', ')}`);
  return {
    id,
    kind,
    preset,
    ...readRelease(v, where),
    parameters: count(v, 'parameters', where),
    bytes: count(v, 'bytes', where),
    steps: count(v, 'steps', where),
  };
}

/** Validates a parsed index.json; throws an Error naming the entry and field that is wrong. */
export function readPretrainedManifest(v: unknown): PretrainedManifest {
  if (!isObject(v) || v.format !== MANIFEST_FORMAT) throw new Error(`the models index is not a ${MANIFEST_FORMAT} manifest`);
  if (typeof v.version !== 'number' || v.version > MANIFEST_VERSION) throw new Error(`the models index is version ${String(v.version)}; this studio reads up to ${MANIFEST_VERSION}`);
  if (!Array.isArray(v.models)) throw new Error('the models index has no models list');
  const models = v.models.map(readEntry);
  const ids = new Set<string>();
  for (const { id } of models) {
    if (ids.has(id)) throw new Error(`the models index lists ${id} twice`);
    ids.add(id);
  }
  return { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, models };
}

interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype?: string;
}

/** Bytes of one weight in weights.bin: every dtype saveModelFiles writes (float32, int32) takes 4 bytes. */
const specBytes = ({ shape }: WeightSpec) => 4 * shape.reduce((a, b) => a * b, 1);

function weightSpecs(modelJson: string): readonly WeightSpec[] {
  const specs = (JSON.parse(modelJson) as { weightsManifest?: { weights?: WeightSpec[] }[] }).weightsManifest?.[0]?.weights;
  if (!specs) throw new Error('model.json has no weights manifest');
  return specs;
}

/**
 * Parameters the model learns, read from model.json alone: every weight but the optimiser's state and a
 * diffusion model's EMA copy (as factory.parameterCount counts them on a built model).
 */
export function parametersInFiles(modelJson: string): number {
  return weightSpecs(modelJson)
    .filter(({ name }) => !name.startsWith('optimizer:') && !name.startsWith('ema/'))
    .reduce((n, { shape }) => n + shape.reduce((a, b) => a * b, 1), 0);
}

/**
 * The same model without its optimiser state (for Adam, two thirds of a checkpoint): what a release ships when
 * size matters. A fine-tune of it starts with a fresh optimiser. weights.bin is the weights in manifest order.
 */
export function withoutOptimizerState(files: ModelFiles): ModelFiles {
  const parsed = JSON.parse(files.modelJson) as { weightsManifest: { paths: string[]; weights: WeightSpec[] }[] };
  const specs = weightSpecs(files.modelJson);
  const kept: WeightSpec[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const spec of specs) {
    const bytes = specBytes(spec);
    if (!spec.name.startsWith('optimizer:')) {
      kept.push(spec);
      parts.push(files.weights.subarray(offset, offset + bytes));
    }
    offset += bytes;
  }
  if (offset !== files.weights.byteLength) throw new Error(`weights.bin holds ${files.weights.byteLength} bytes, model.json describes ${offset}`);
  const weights = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  parts.reduce((at, p) => (weights.set(p, at), at + p.byteLength), 0);
  parsed.weightsManifest = [{ paths: ['weights.bin'], weights: kept }];
  return { modelJson: JSON.stringify(parsed), weights };
}

/** The manifest entry of a model folder `id`, from its files and its release notes. */
export function manifestEntry(id: string, files: ModelFiles, release: Release): PretrainedModel {
  const { config, step } = readModelMetadata(files.modelJson);
  return {
    id,
    kind: config.kind,
    preset: config.preset,
    ...release,
    parameters: parametersInFiles(files.modelJson),
    bytes: new TextEncoder().encode(files.modelJson).byteLength + files.weights.byteLength,
    steps: step,
  };
}

/**
 * Checks that fetched files are the model the manifest describes (a stale index or a half-copied folder would
 * otherwise load as something else, or fail deep inside tfjs).
 */
export function checkPretrainedFiles(entry: PretrainedModel, files: ModelFiles): void {
  const { config, step } = readModelMetadata(files.modelJson);
  const problems: string[] = [];
  if (config.kind !== entry.kind) problems.push(`its model.json is a ${config.kind} model, the index says ${entry.kind}`);
  if (config.preset !== entry.preset) problems.push(`its preset is ${config.preset}, the index says ${entry.preset}`);
  if (step !== entry.steps) problems.push(`it is at step ${step}, the index says ${entry.steps}`);
  const expected = weightSpecs(files.modelJson).reduce((n, spec) => n + specBytes(spec), 0);
  if (files.weights.byteLength !== expected) problems.push(`weights.bin holds ${files.weights.byteLength} bytes, model.json describes ${expected}`);
  if (problems.length > 0) throw new Error(`pretrained model ${entry.id} does not match the index: ${problems.join('; ')}`);
}

export type Fetch = (url: string) => Promise<Response>;

async function fetchOk(fetcher: Fetch, url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetcher(url);
  } catch (e) {
    throw new Error(`could not fetch ${url}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (!response.ok) throw new Error(`could not fetch ${url}: HTTP ${response.status}`);
  return response;
}

/** The manifest at `indexUrl` (an absolute URL to index.json); a server without one lists no models. */
export async function fetchPretrainedManifest(indexUrl: string, fetcher: Fetch = (u) => fetch(u)): Promise<PretrainedManifest> {
  const response = await fetchOk(fetcher, indexUrl);
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    throw new Error(`${indexUrl} is not JSON`);
  }
  return readPretrainedManifest(parsed);
}

/** A listed model's files, fetched from its folder beside the manifest and checked against its entry. */
export async function fetchPretrainedModel(indexUrl: string, entry: PretrainedModel, fetcher: Fetch = (u) => fetch(u)): Promise<ModelFiles> {
  if (!ID_PATTERN.test(entry.id)) throw new Error(`"${entry.id}" is not a model folder name`);
  const folder = new URL(`${entry.id}/`, indexUrl);
  const [json, weights] = await Promise.all([
    fetchOk(fetcher, new URL('model.json', folder).href).then((r) => r.text()),
    fetchOk(fetcher, new URL('weights.bin', folder).href).then((r) => r.arrayBuffer()),
  ]);
  const files: ModelFiles = { modelJson: json, weights: new Uint8Array(weights) };
  checkPretrainedFiles(entry, files);
  return files;
}
