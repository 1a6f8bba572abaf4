/**
 * The training loop: start, pause, resume, stop and step once; progress events; a guard that restores the last
 * good weights when a loss turns non-finite; checkpoints at intervals and on pause. Runs wherever the model lives
 * (a worker in the studio, Node in the CLI).
 */
import * as tf from '@tensorflow/tfjs';
import { type CrystalDataset, encodeBatch } from '../../core/crystens/dataset';
import { ENTRIES, LAYERS, SIZE } from '../../core/crystens/layout';
import { disposeSnapshot } from '../nn/params';
import type { GenerativeModel } from '../types';
import { BatchOrder } from './batches';
import type { LiveSampler } from './live-samples';
import { copyOptimizerState } from './optimizer-state';

export type TrainerState = 'idle' | 'running' | 'paused' | 'stopped' | 'finished';

export interface ProgressEvent {
  readonly state: TrainerState;
  readonly step: number;
  readonly totalSteps: number;
  readonly losses: Readonly<Record<string, number>>;
  readonly stepsPerSecond: number;
  readonly etaSeconds: number;
  readonly backend: string;
  readonly memory: { readonly numTensors: number; readonly numBytes: number };
  /** Something the user must know: a restored step, a fallback. */
  readonly notice?: string;
}

export interface TrainerOptions {
  readonly totalSteps: number;
  /** Steps already done (a resumed model). */
  readonly startStep?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Called every `checkpointEvery` steps and on pause. */
  readonly onCheckpoint?: (step: number) => Promise<void>;
  readonly checkpointEvery?: number;
  /** Weights are copied every this many steps; a non-finite loss restores the copy. */
  readonly guardEvery?: number;
  /** Draws live samples between steps (live-samples.ts). */
  readonly live?: LiveSampler;
}

interface GoodState {
  step: number;
  weights: Map<string, Map<string, tf.Tensor>>;
  optimizer: { name: string; tensor: tf.Tensor }[];
}

export class Trainer {
  private state: TrainerState = 'idle';
  private step: number;
  private readonly order: BatchOrder;
  private readonly batch: Float32Array;
  private good?: GoodState;
  private losses: Record<string, number> = {};
  /** Recent step durations (ms), for steps per second and the ETA. */
  private readonly durations: number[] = [];
  private running?: Promise<void>;

  constructor(
    private readonly model: GenerativeModel,
    private readonly data: CrystalDataset,
    private readonly options: TrainerOptions,
  ) {
    this.step = options.startStep ?? 0;
    this.order = new BatchOrder(data.entries.length, model.config.seed);
    this.batch = new Float32Array(model.config.batchSize * ENTRIES);
  }

  get currentStep(): number {
    return this.step;
  }

  get currentState(): TrainerState {
    return this.state;
  }

  /** Runs until totalSteps, a pause or a stop. Resolves when the loop has come to rest. */
  start(): Promise<void> {
    if (this.state === 'running') return this.running!;
    if (this.step >= this.options.totalSteps) {
      this.state = 'finished';
      this.emit();
      return Promise.resolve();
    }
    this.state = 'running';
    this.running = this.loop();
    return this.running;
  }

  pause(): Promise<void> {
    if (this.state === 'running') this.state = 'paused';
    return this.running ?? Promise.resolve();
  }

  resume(): Promise<void> {
    if (this.state === 'paused' || this.state === 'idle') return this.start();
    return this.running ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    await this.running;
    this.emit();
  }

  /** One step while paused or idle (the studio's "step" button). */
  async stepOnce(): Promise<void> {
    if (this.state === 'running') return;
    this.state = 'paused';
    await this.trainOne();
  }

  dispose(): void {
    this.dropGoodState();
  }

  private async loop(): Promise<void> {
    while (this.state === 'running' && this.step < this.options.totalSteps) {
      await this.trainOne();
      // Let messages (pause, stop) in between steps.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (this.state === 'running') this.state = 'finished';
    if (this.state === 'paused' || this.state === 'finished') await this.options.onCheckpoint?.(this.step);
    this.emit();
  }

  private async trainOne(): Promise<void> {
    const guardEvery = this.options.guardEvery ?? 25;
    if (!this.good || this.step - this.good.step >= guardEvery) await this.keepGoodState();
    const { batchSize } = this.model.config;
    encodeBatch(this.data, this.order.batch(this.step, batchSize), this.batch);
    const real = tf.tensor4d(this.batch, [batchSize, SIZE, SIZE, LAYERS]);
    const started = performance.now();
    let losses: Record<string, number>;
    try {
      losses = await this.model.trainStep(real, this.step);
    } finally {
      real.dispose();
    }
    this.durations.push(performance.now() - started);
    if (this.durations.length > 20) this.durations.shift();
    const bad = Object.entries(losses).find(([, v]) => !Number.isFinite(v));
    if (bad) {
      const failed = this.step + 1;
      const restoredTo = await this.restoreGoodState();
      this.state = 'paused';
      this.emit(`step ${failed}: the ${bad[0]} loss became ${bad[1]}; the weights of step ${restoredTo} were restored and training paused (try a lower learning rate)`);
      return;
    }
    this.step++;
    this.losses = losses;
    const every = this.options.checkpointEvery;
    if (every && this.step % every === 0 && this.step < this.options.totalSteps) await this.options.onCheckpoint?.(this.step);
    this.emit();
    await this.options.live?.afterStep(this.model, this.step, this.meanStepMs());
  }

  private async keepGoodState(): Promise<void> {
    this.dropGoodState();
    const weights = new Map(Object.entries(this.model.stores).map(([role, store]) => [role, store.snapshot()]));
    const optimizer = await copyOptimizerState(this.model);
    this.good = { step: this.step, weights, optimizer };
  }

  private async restoreGoodState(): Promise<number> {
    const good = this.good!;
    for (const [role, snapshot] of good.weights) this.model.stores[role]!.restore(snapshot);
    if (good.optimizer.length > 0) await this.model.setOptimizerWeights(good.optimizer.map(({ name, tensor }) => ({ name, tensor: tensor.clone() })));
    this.step = good.step;
    return good.step;
  }

  private dropGoodState(): void {
    if (!this.good) return;
    for (const snapshot of this.good.weights.values()) disposeSnapshot(snapshot);
    tf.dispose(this.good.optimizer.map((o) => o.tensor));
    this.good = undefined;
  }

  /** The mean duration (ms) of the recent steps; 0 before the first. */
  private meanStepMs(): number {
    return this.durations.length ? this.durations.reduce((s, d) => s + d, 0) / this.durations.length : 0;
  }

  private emit(notice?: string): void {
    const mean = this.meanStepMs();
    const stepsPerSecond = mean > 0 ? 1000 / mean : 0;
    const memory = tf.memory();
    this.options.onProgress?.({
      state: this.state,
      step: this.step,
      totalSteps: this.options.totalSteps,
      losses: this.losses,
      stepsPerSecond,
      etaSeconds: stepsPerSecond > 0 ? (this.options.totalSteps - this.step) / stepsPerSecond : Number.POSITIVE_INFINITY,
      backend: tf.getBackend(),
      memory: { numTensors: memory.numTensors, numBytes: memory.numBytes },
      ...(notice ? { notice } : {}),
    });
  }
}
