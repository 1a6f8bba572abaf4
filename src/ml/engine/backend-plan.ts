/**
 * Where a training session runs and when it moves: the studio's backend policy, here where Node tests reach it
 * (workers/train.worker.ts only exposes it). The host (BackendHost) says what backends there are and times them;
 * the plan decides.
 *
 * - Choice: the host's first pick (the browser: a measured convolution among the GPU backends, src/ml/backend.ts),
 *   or the backend the researcher asked for, which pins it.
 * - Trial: a new model starts at once; a shape timed before on this device moves at once to its fastest backend,
 *   and an unknown one is timed aside (trial-memory.ts) and moves only if it took no step meanwhile. Nothing a
 *   trial finds moves a pinned session.
 * - Migration: the researcher may move the session, with its model, optimiser state and step, to another backend
 *   (not while training runs).
 * - Device loss: a lost device (WebGPU) takes the variables with it; the session is rebuilt on the next backend
 *   from its last checkpoint, and the researcher is told.
 *
 * A move replaces the session: requests made meanwhile wait for it, and a trial's result moves no session from
 * under a request.
 */
import type { BuiltDataset } from '../../core/crystens/dataset';
import type { ModelConfig, TrainingBackend } from '../types';
import type { TrainingTrial } from './backend-trial';
import type { CheckpointStore } from './checkpoint-store';
import type { ModelRequest } from './factory';
import type { ModelFiles } from './model-files';
import type { LiveSampleSettings, LiveSamples } from './live-samples';
import type { DatasetSummary, SessionStatus } from './session';
import { TrainingSession } from './session';
import { type Device, mergeTrials, moveAfterTrial, planTrial, type TrialMemory, trialKey } from './trial-memory';

export interface BackendChoice {
  readonly backend: TrainingBackend;
  /** Milliseconds per trial step, for the backends that were measured. */
  readonly trials: Partial<Record<TrainingBackend, number>>;
  /** Why a backend was not used: missing, failed, or slower. */
  readonly notices: string[];
  /** Every backend that works here, in the order tried. */
  readonly available: TrainingBackend[];
}

/** Where the session trains and how long a step takes there (once timed), for the Train panel's estimate. */
export interface StepTiming {
  readonly choice: BackendChoice;
  readonly msPerStep?: number;
  /** A trial is timing the model's step now. */
  readonly measuring: boolean;
}

/** What the plan needs of the place it runs in: the browser's worker, or Node with the cpu and wasm backends. */
export interface BackendHost {
  /** Makes `preferred` (where it works) or the host's best backend tfjs's backend; says what works here. */
  choose(preferred?: TrainingBackend): Promise<BackendChoice>;
  /** Resolves with what happened if the device of `backend` is lost while in use; undefined where it cannot be. */
  deviceLost(backend: TrainingBackend): Promise<string> | undefined;
  /** Where a session goes when `failed` stops working (training-backend.ts fallbackBackend). */
  fallback(failed: TrainingBackend): TrainingBackend;
  /** Times one training step of a fresh model of `config` on each of `backends` (the browser: in a second worker). */
  measure(config: ModelConfig, batch: Float32Array, backends: readonly TrainingBackend[]): Promise<TrainingTrial>;
  /** This device, as trials are remembered (the backends that work come from the choice). */
  readonly device: Omit<Device, 'backends'>;
}

export interface BackendPlanOptions {
  readonly host: BackendHost;
  readonly checkpoints: CheckpointStore;
  readonly trials: TrialMemory;
  /** Steps between the sessions' checkpoints (TrainingSession's default where unset). */
  readonly checkpointEvery?: number;
}

export class BackendPlan {
  private current: TrainingSession;
  private choice?: BackendChoice;
  private backendReady?: Promise<BackendChoice>;
  /** The researcher chose the backend: no trial moves the session. */
  private pinned = false;
  /** Kept to rebuild the session on another backend. */
  private given?: BuiltDataset;
  /** Counts models made: a trial's result applies only to the model it was started for. */
  private modelsMade = 0;
  /** Requests under way (a trial's result moves no session from under one). */
  private requests = 0;
  /** The move under way: requests wait for it. */
  private moving: Promise<unknown> = Promise.resolve();
  /** Trials aside and device-loss recoveries under way (settled() waits for them, not for a device to be lost). */
  private background = new Set<Promise<void>>();
  private notify?: (message: string) => void;
  private onTiming?: (timing: StepTiming) => void;
  /** Live samples as asked for, kept for the sessions a move makes. */
  private live?: { readonly settings: LiveSampleSettings; readonly onSamples: (samples: LiveSamples) => void };

  constructor(private readonly options: BackendPlanOptions) {
    this.current = this.freshSession();
  }

  /** The session as it is now (a move replaces it): for calls that need no backend, such as pause or status. */
  get session(): TrainingSession {
    return this.current;
  }

  /** The backend chosen, once one is. */
  get backend(): BackendChoice | undefined {
    return this.choice;
  }

  /** Where notices go: fallbacks, moves, trials. */
  watchNotices(notify: (message: string) => void): void {
    this.notify = notify;
  }

  /** Where the step timing goes, now and whenever a trial or a move changes it. */
  watchTiming(onTiming: (timing: StepTiming) => void): void {
    this.onTiming = onTiming;
  }

  /** The backend, chosen on first use; naming one pins it and moves the session there. */
  async init(preferred?: TrainingBackend): Promise<BackendChoice> {
    this.pinned ||= preferred !== undefined;
    const current = await this.ready(preferred);
    return preferred && current.backend !== preferred ? this.useBackend(preferred) : current;
  }

  /**
   * Moves the session, and its model with its optimiser state and step, to `backend`, and pins it there. Not while
   * training runs; a paused run goes on from its step (batches and noise are keyed to the step).
   */
  async useBackend(backend: TrainingBackend): Promise<BackendChoice> {
    this.pinned = true;
    const current = await this.ready();
    if (current.backend === backend) return current;
    if (this.current.training) throw new Error('pause the training before moving it to another backend');
    return this.moveSession(backend, this.current.status ? await this.current.exportModel() : undefined);
  }

  setDataset(given: BuiltDataset): DatasetSummary {
    this.given = given;
    return this.current.setDataset(given);
  }

  /** Runs `f` on the session once a backend is ready and no move is under way. */
  async request<R>(f: (session: TrainingSession) => R): Promise<Awaited<R>> {
    await this.ready();
    await this.moving;
    this.requests++;
    try {
      return await f(this.current);
    } finally {
      this.requests--;
    }
  }

  /** A fresh model checkpointed under `key` (the session's default where unset), started at once; its backend trial as the header says. */
  newModel(request: Omit<ModelRequest, 'normalization'>, key?: string): Promise<SessionStatus> {
    return this.request(async (session) => this.startTrial(await session.newModel(request, key)));
  }

  /**
   * The model checkpointed under `key` (another of the library's) becomes the session's; the crystals are measured
   * against its bounds again. No trial: its step time is reported if remembered. Undefined when there is none.
   */
  openSaved(key?: string): Promise<{ status: SessionStatus; dataset?: DatasetSummary } | undefined> {
    return this.request(async (session) => {
      const status = await session.resumeSaved(key);
      return status && this.adopted(session, status);
    });
  }

  /**
   * Model files from elsewhere (a pretrained model, an import) become the session's model and are checkpointed at
   * once under `key`, where a reload finds them; otherwise as openSaved.
   */
  adoptModel(files: ModelFiles, key?: string): Promise<{ status: SessionStatus; dataset?: DatasetSummary }> {
    return this.request(async (session) => {
      const status = await session.importModel(files, key);
      await this.options.checkpoints.save(session.checkpointKey, files);
      return this.adopted(session, status);
    });
  }

  /** Resolves once no trial aside, move or device-loss recovery is under way. */
  async settled(): Promise<void> {
    while (this.background.size > 0) await Promise.all(this.background);
    await this.moving;
  }

  /** A model opened in the session: the dataset measured against its bounds, its remembered step time reported. */
  private async adopted(session: TrainingSession, status: SessionStatus): Promise<{ status: SessionStatus; dataset?: DatasetSummary }> {
    this.modelsMade++;
    this.reportTiming(await this.options.trials.recall(trialKey(this.device(), status.config)), false);
    return { status, ...(this.given && { dataset: session.setDataset(this.given) }) };
  }

  private freshSession(): TrainingSession {
    const session = new TrainingSession(this.options.checkpoints, this.options.checkpointEvery);
    if (this.live) session.setLiveSamples(this.live.settings, this.live.onSamples);
    return session;
  }

  /** Live samples while training (live-samples.ts), in this session and in those a move makes. */
  setLiveSamples(settings: LiveSampleSettings, onSamples: (samples: LiveSamples) => void): void {
    this.current.setLiveSamples(settings, onSamples);
    this.live = { settings, onSamples };
  }

  /** The backend, chosen on first use (or as init asked); its device is watched from then on. */
  private ready(preferred?: TrainingBackend): Promise<BackendChoice> {
    this.backendReady ??= this.options.host.choose(preferred).then((choice) => {
      this.choice = choice;
      this.watchDevice(choice.backend);
      return choice;
    });
    return this.backendReady;
  }

  /** A fresh session on `backend` (or, failing it, the next that works), with the model of `files` if given. */
  private async moveSession(backend: TrainingBackend, files: ModelFiles | undefined): Promise<BackendChoice> {
    const key = this.current.checkpointKey;
    this.current.dispose();
    this.current = this.freshSession();
    this.backendReady = undefined;
    const moved = await this.ready(backend);
    if (this.given) this.current.setDataset(this.given);
    if (files) await this.current.importModel(files, key);
    return moved;
  }

  private inBackground(work: Promise<void>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  private watchDevice(backend: TrainingBackend): void {
    void this.options.host.deviceLost(backend)?.then((message) => {
      // A device the session has left since takes nothing with it.
      if (this.choice?.backend === backend) this.inBackground(this.recover(backend, message));
    });
  }

  /** Variables on a lost device are gone: the session is rebuilt on the next backend from the last checkpoint. */
  private async recover(lost: TrainingBackend, message: string): Promise<void> {
    const saved = await this.options.checkpoints.load(this.current.checkpointKey);
    const moved = await (this.moving = this.moveSession(this.options.host.fallback(lost), saved));
    this.notify?.(`${message}; training moved to ${moved.backend} from the last checkpoint`);
  }

  private device(): Device {
    return { ...this.options.host.device, backends: this.choice?.available ?? [] };
  }

  private reportTiming(trial: TrainingTrial | undefined, measuring: boolean): void {
    const choice = this.choice!;
    this.onTiming?.({ choice, measuring, ...(trial?.ms[choice.backend] !== undefined && { msPerStep: trial.ms[choice.backend] }) });
  }

  /**
   * A new model starts at once: on the fastest backend a remembered trial names, else where it is while the host
   * times it aside; the result is remembered, and moves a model that took no step.
   */
  private async startTrial(status: SessionStatus): Promise<SessionStatus> {
    const made = ++this.modelsMade;
    const key = trialKey(this.device(), status.config);
    const choice = this.choice!;
    const situation = { config: status.config, parameters: status.parameters, current: choice.backend, available: choice.available, pinned: this.pinned };
    const remembered = await this.options.trials.recall(key);
    const plan = planTrial(situation, remembered);
    if (plan.moveTo) {
      await (this.moving = this.moveSession(plan.moveTo, await this.current.exportModel()));
      this.notify?.(`${remembered!.summary} (remembered): training moved to ${plan.moveTo}`);
    }
    this.reportTiming(remembered, plan.measure.length > 0);
    if (plan.measure.length > 0) this.inBackground(this.measureAside(key, status.config, this.current.firstBatch(), plan.measure, made));
    return this.current.status!;
  }

  private async measureAside(key: string, config: ModelConfig, batch: Float32Array, backends: readonly TrainingBackend[], made: number): Promise<void> {
    const { host, trials } = this.options;
    try {
      const trial = mergeTrials(await trials.recall(key), await host.measure(config, batch, backends));
      await trials.remember(key, trial);
      if (made !== this.modelsMade) return; // another model replaced this one meanwhile
      const session = this.current;
      const stepsTaken = session.training || this.requests > 0 ? 1 : (session.status?.step ?? 1);
      const current = this.choice!.backend;
      const target = moveAfterTrial(trial, { current, pinned: this.pinned }, stepsTaken);
      if (target) {
        await (this.moving = this.moveSession(target, await session.exportModel()));
        this.notify?.(`${trial.summary}: training moved to ${target}`);
      } else if (!this.pinned && trial.fastest !== current) {
        this.notify?.(`${trial.summary}: training stays on ${current}, where the run began (the backend picker moves it to ${trial.fastest})`);
      } else {
        this.notify?.(`${trial.summary}: training stays on ${current}`);
      }
      this.reportTiming(trial, false);
    } catch (e) {
      this.notify?.(`timing a training step failed: ${e instanceof Error ? e.message : String(e)}`);
      if (made === this.modelsMade) this.reportTiming(undefined, false);
    }
  }
}
