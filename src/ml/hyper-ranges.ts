/**
 * The values each hyper-parameter may take, and the one check against them that both a model.json
 * (engine/model-check.ts) and the Train panel's form (ui/train/ModelForm.tsx) go through. Free of tfjs.
 *
 * The ranges are generous around every preset (presets.ts); the memory budget of model-check.ts, not these,
 * bounds a network's size. Widths and channels stop at 4,096 (the presets use 4 to 256), a latent at 4,096 (the
 * paper: 128), kernels at 16 (the presets: 2 and 4). `resolution` is the working square: the 12-row header and at
 * least one site, up to the CrysTens's 64.
 */
import { HEADER, SIZE } from '../core/crystens/layout';
import { type HyperByKind, NETWORKS, PREDICTIONS } from './hyper';
import { PRESET_NETWORK, presetHyper } from './presets';
import type { ModelKind, Preset } from './types';

/** A hyper-parameter's allowed values: a number from min to max (an integer where `integer`), a choice, or a flag. */
export type HyperRange =
  /** `maxText`: the maximum as a reader should see it (2³² − 1 rather than its digits). */
  | { readonly type: 'number'; readonly min: number; readonly max: number; readonly integer: boolean; readonly maxText?: string }
  | { readonly type: 'choice'; readonly options: readonly string[] }
  | { readonly type: 'flag' };

const integer = (min: number, max: number): HyperRange => ({ type: 'number', min, max, integer: true });
const real = (min: number, max: number): HyperRange => ({ type: 'number', min, max, integer: false });
const choice = (options: readonly string[]): HyperRange => ({ type: 'choice', options });
const FLAG: HyperRange = { type: 'flag' };
/** Just below 1: Adam's β and an EMA decay of exactly 1 would never move. */
const BELOW_ONE = 1 - 1e-9;

/** Every key of a type, of each member where it is a union. */
type KeysOf<H> = H extends unknown ? keyof H : never;
/** A range for every hyper-parameter of each family: a preset key without a range does not compile. */
type RangeTable = { readonly [K in ModelKind]: { readonly [N in KeysOf<HyperByKind[K]>]-?: HyperRange } };

const ADVERSARIAL = {
  learningRate: real(1e-8, 1),
  resolution: integer(HEADER + 1, SIZE),
  latentDim: integer(1, 4096),
  generatorBase: integer(1, 32),
  generatorWidth: integer(1, 4096),
  downsamplings: integer(1, 6),
  kernel: integer(1, 16),
  beta1: real(0, BELOW_ONE),
  beta2: real(0, BELOW_ONE),
};

export const HYPER_RANGES: RangeTable = {
  gan: { ...ADVERSARIAL, discriminatorWidth: integer(1, 4096) },
  wgan: { ...ADVERSARIAL, criticWidth: integer(1, 4096), criticSteps: integer(1, 100), penaltyWeight: real(0, 1e4) },
  diffusion: {
    learningRate: real(1e-8, 1),
    decaySteps: integer(0, 1e9),
    resolution: integer(HEADER + 1, SIZE),
    emaDecay: real(0, BELOW_ONE),
    network: choice(NETWORKS),
    prediction: choice(PREDICTIONS),
    minSnr: real(0, 1e4),
    atomicNumberWeight: real(0, 1e4),
    // The cosine schedule's arrays have this many entries (every preset: 1,000).
    timesteps: integer(2, 10_000),
    // The slot transformer (heads: the U-Net's attention too).
    width: integer(1, 4096),
    depth: integer(1, 64),
    heads: integer(1, 64),
    // The U-Net: multipliers mult0 … mult5, one per level (at most 6 levels).
    patch: integer(1, 4),
    channels: integer(1, 4096),
    levels: integer(1, 6),
    mult0: integer(1, 16),
    mult1: integer(1, 16),
    mult2: integer(1, 16),
    mult3: integer(1, 16),
    mult4: integer(1, 16),
    mult5: integer(1, 16),
    blocks: integer(1, 8),
    middleBlocks: integer(0, 8),
    attentionResolution: integer(0, 64),
    groups: integer(1, 4096),
    positionEmbedding: FLAG,
  },
};

/**
 * A model's seed and batch size, checked as its hyper-parameters are. The seed: adversarial.ts spaces its seed
 * streams 2³² apart. The batch: the presets train at 8 to 32.
 */
export const SETTING_RANGES = {
  seed: { type: 'number', min: 0, max: 2 ** 32 - 1, integer: true, maxText: '2³² − 1' },
  batchSize: integer(1, 1024),
} as const satisfies Record<string, HyperRange>;
export type Setting = keyof typeof SETTING_RANGES;
const SETTING_NAMES: Readonly<Record<Setting, string>> = { seed: 'the seed', batchSize: 'the batch size' };

/** Why `value` is refused as a model's seed or batch size; undefined when it is fine. */
export function settingProblem(name: Setting, value: unknown): HyperProblem | undefined {
  const range = SETTING_RANGES[name];
  if (fits(range, value)) return undefined;
  const reason = describe(range);
  return { name, reason, message: `${SETTING_NAMES[name]} ${show(value)} is not ${reason}` };
}

/** The range of `name` for a `kind` model; undefined where the family has no such hyper-parameter. */
export function hyperRange(kind: ModelKind, name: string): HyperRange | undefined {
  const ranges: Readonly<Record<string, HyperRange>> = HYPER_RANGES[kind];
  return Object.hasOwn(ranges, name) ? ranges[name] : undefined;
}

/** What is wrong with one hyper-parameter: `reason` for beside a form field, `message` for a line about a file. */
export interface HyperProblem {
  readonly name: string;
  readonly reason: string;
  readonly message: string;
}

/** Why `value` is not one a `kind` model takes as `name`; undefined when it is. */
export function hyperValueProblem(kind: ModelKind, name: string, value: unknown): HyperProblem | undefined {
  const range = hyperRange(kind, name);
  if (!range) {
    const reason = `not one a ${kind} model takes`;
    return { name, reason, message: `the hyper-parameter ${name} is ${reason}` };
  }
  if (fits(range, value)) return undefined;
  const reason = `a ${kind} model takes ${describe(range)}`;
  return { name, reason, message: `the hyper-parameter ${name} is ${show(value)}; ${reason}` };
}

/**
 * Every problem of a model's hyper-parameters: each value in its range, then what one value asks of another (the
 * slot transformer answers x₀: its output is a CrysTens on the layout).
 */
function hyperProblems(kind: ModelKind, hyper: Readonly<Record<string, unknown>>): HyperProblem[] {
  const problems = Object.entries(hyper).flatMap(([name, value]) => hyperValueProblem(kind, name, value) ?? []);
  if (problems.length === 0 && kind === 'diffusion' && hyper.network === 'slots' && hyper.prediction !== 'x0') {
    const reason = 'the slot transformer (network slots) predicts x₀ (prediction x0)';
    problems.push({ name: 'prediction', reason, message: reason });
  }
  return problems;
}

/**
 * A family's hyper-parameters from its preset and `given` values, which win. A diffusion model's network is the
 * one given (where it names one) or its preset's, and the network's other numbers come from that network's preset.
 * Unchecked: hyperProblems says what is wrong with the result.
 */
function withPreset(kind: ModelKind, preset: Preset, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const network = NETWORKS.find((n) => n === given.network) ?? PRESET_NETWORK[preset];
  return { ...presetHyper(kind, preset, network), ...given };
}

/** `given` completed from the preset, checked: the family's typed hyper-parameters, or the problems. */
export function checkHyper<K extends ModelKind>(
  kind: K,
  preset: Preset,
  given: Readonly<Record<string, unknown>>,
): { readonly hyper: HyperByKind[K]; readonly problems?: undefined } | { readonly hyper?: undefined; readonly problems: HyperProblem[] } {
  const hyper = withPreset(kind, preset, given);
  const problems = hyperProblems(kind, hyper);
  return problems.length > 0 ? { problems } : { hyper: hyper as unknown as HyperByKind[K] };
}

function fits(range: HyperRange, value: unknown): boolean {
  switch (range.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max && (!range.integer || Number.isInteger(value));
    case 'choice':
      return typeof value === 'string' && range.options.includes(value);
    case 'flag':
      return typeof value === 'boolean';
  }
}

function describe(range: HyperRange): string {
  switch (range.type) {
    case 'number':
      return `${range.integer ? 'an integer' : 'a number'} from ${range.min} to ${range.maxText ?? range.max}`;
    case 'choice':
      return `one of ${range.options.join(', ')}`;
    case 'flag':
      return 'true or false';
  }
}

/** A value from a file or a field, shown short (a tampered file may hold a long string). */
export function show(value: unknown): string {
  // Numbers as JavaScript prints them: JSON would show a 1e999 read as Infinity as null.
  const text = value === undefined ? 'missing' : typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? typeof value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
