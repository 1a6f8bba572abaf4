/**
 * Remembered backend trials, so that creating a model never waits for one (measured: 26–106 s before the first
 * step when every model was timed on every backend at creation). A trial's result depends on the device and on
 * the network's shape, not on its weights: it is remembered under both, and a model of a shape already timed on
 * this device starts on the fastest backend at once. A shape not timed yet starts on the current backend while
 * the trial runs elsewhere (a second worker); its result is remembered, and moves the model only if no step was
 * taken yet (a run under way is never pulled from under the researcher; the backend picker can still move it).
 */
import type { ModelConfig, TrainingBackend } from '../types';
import { MODEL_TRIAL_PARAMETERS, type TrainingTrial } from './backend-trial';

export interface TrialMemory {
  recall(key: string): Promise<TrainingTrial | undefined>;
  remember(key: string, trial: TrainingTrial): Promise<void>;
}

/** Trials for this session only (Node, tests); the studio keeps them in IndexedDB (trial-memory-idb.ts). */
export class InMemoryTrials implements TrialMemory {
  private readonly trials = new Map<string, TrainingTrial>();
  async recall(key: string): Promise<TrainingTrial | undefined> {
    return this.trials.get(key);
  }
  async remember(key: string, trial: TrainingTrial): Promise<void> {
    this.trials.set(key, trial);
  }
}

/** What makes two devices time alike: the browser, its cores and the backends that work there. */
export interface Device {
  readonly userAgent: string;
  readonly cores: number;
  readonly backends: readonly TrainingBackend[];
  /** The WebGPU adapter's vendor and architecture, where there is one. */
  readonly gpu?: string;
}

/**
 * The memory key of a trial: the device and the network's shape (family, preset, batch, hyper-parameters, of
 * which the widths set the work). The seed and the normalisation bounds do not change a step's time.
 */
export function trialKey(device: Device, config: ModelConfig): string {
  const hyper = Object.entries(config.hyper).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([device.userAgent, device.cores, device.backends, device.gpu ?? '', config.kind, config.preset, config.batchSize, hyper]);
}

export interface TrialPlan {
  /** What is known already of this shape on this device. */
  readonly remembered?: TrainingTrial;
  /** Move the new model here now (a remembered trial found it faster). */
  readonly moveTo?: TrainingBackend;
  /** Backends to time in the background; empty when the memory already says enough. */
  readonly measure: readonly TrainingBackend[];
}

export interface TrialSituation {
  readonly config: ModelConfig;
  readonly parameters: number;
  readonly current: TrainingBackend;
  readonly available: readonly TrainingBackend[];
  /** The researcher chose the backend: nothing moves the model, but its step is still timed for the estimate. */
  readonly pinned: boolean;
}

/** Which backends may train this model faster than the current one, and so are worth timing. */
function candidates({ parameters, current, available, pinned }: TrialSituation): readonly TrainingBackend[] {
  // Above the bound a trial step costs too much to repeat on every backend; the current one is still timed.
  if (pinned || parameters > MODEL_TRIAL_PARAMETERS || available.length < 2) return [current];
  return available;
}

/** What to do for a model just created, given what the memory holds for its key. */
export function planTrial(situation: TrialSituation, remembered: TrainingTrial | undefined): TrialPlan {
  const wanted = candidates(situation);
  const missing = wanted.filter((b) => remembered?.ms[b] === undefined);
  if (!remembered) return { measure: wanted };
  const fastest = remembered.fastest;
  const moveTo = !situation.pinned && fastest !== situation.current && situation.available.includes(fastest) ? fastest : undefined;
  // Known well enough when the backend it will train on has been timed.
  const trainsOn = moveTo ?? situation.current;
  return { remembered, ...(moveTo && { moveTo }), measure: remembered.ms[trainsOn] === undefined ? missing : [] };
}

/** A new trial merged into what was remembered (backends timed before and not now keep their figures). */
export function mergeTrials(remembered: TrainingTrial | undefined, trial: TrainingTrial): TrainingTrial {
  const ms = { ...remembered?.ms, ...trial.ms };
  const ranked = (Object.entries(ms) as [TrainingBackend, number][]).sort(([, a], [, b]) => a - b);
  return { fastest: ranked[0]![0], ms, summary: `one training step: ${ranked.map(([b, t]) => `${b} ${t.toFixed(0)} ms`).join(', ')}` };
}

/**
 * Where a measured model should train once its trial is in: the fastest backend, unless the researcher chose
 * one, or the model has taken a step (a run under way stays where it is).
 */
export function moveAfterTrial(trial: TrainingTrial, situation: Pick<TrialSituation, 'current' | 'pinned'>, stepsTaken: number): TrainingBackend | undefined {
  return !situation.pinned && stepsTaken === 0 && trial.fastest !== situation.current ? trial.fastest : undefined;
}
