/**
 * The time a run will take, said before it starts: steps left × the measured time of one step (from a running
 * or finished run of this model, else from the backend trial). Until a step has been timed it says so.
 */
import { formatDuration } from '../format';

export interface EstimateInput {
  /** Steps the model has done, and the step the run trains to. */
  readonly done: number;
  readonly target: number;
  /** Milliseconds of one step, where timed. */
  readonly msPerStep?: number;
  readonly backend?: string;
  /** A trial is timing a step now (else the first step of a run times it). */
  readonly measuring?: boolean;
}

/**
 * "about 3 min 20 s for 200 steps (1.00 s a step on wasm)"; before a step was timed, "measuring…" while a trial
 * runs, else that the first step will tell.
 */
export function runEstimate({ done, target, msPerStep, backend, measuring = false }: EstimateInput): string {
  const steps = Math.max(0, target - done);
  if (steps === 0) return `the model is at step ${done}: raise "Train to step" to train further`;
  if (msPerStep === undefined || !(msPerStep > 0)) return `${steps} steps; time per step: ${measuring ? 'measuring…' : 'not timed here yet (Step once times one)'}`;
  const each = msPerStep >= 1000 ? `${(msPerStep / 1000).toFixed(2)} s` : `${msPerStep.toFixed(0)} ms`;
  return `about ${formatDuration((steps * msPerStep) / 1000)} for ${steps} steps (${each} a step${backend ? ` on ${backend}` : ''})`;
}

/** The step time to estimate with: a run's own rate beats a trial's single step. */
export function measuredStepMs(stepsPerSecond: number | undefined, trialMs: number | undefined): number | undefined {
  return stepsPerSecond !== undefined && stepsPerSecond > 0 ? 1000 / stepsPerSecond : trialMs;
}
