/**
 * The Train panel's one primary control over a run, as GAN Lab's play button: what it does now, what it says, and
 * why it is unavailable. "Continue to step N" and "Resume" used to be two buttons that read alike; the first starts
 * a new run from the model's step, the second goes on with a paused one. One button, named for what it will do,
 * leaves nothing to tell apart.
 */
import type { TrainerState } from '../../ml/engine/trainer';

export type RunActionKind = 'train' | 'continue' | 'pause' | 'resume' | 'trained';

export interface RunAction {
  readonly kind: RunActionKind;
  /** The button's text. */
  readonly label: string;
  /** One line on what happens on a click (the button's title, and read out with it). */
  readonly explanation: string;
}

export interface RunSituation {
  readonly phase: TrainerState;
  /** The model's step. */
  readonly done: number;
  /** "Train to step" in the form: where a new run stops. */
  readonly target: number;
  /** Where the run in progress (running or paused) stops. */
  readonly runTarget?: number;
}

export function runAction({ phase, done, target, runTarget = target }: RunSituation): RunAction {
  if (phase === 'running') return { kind: 'pause', label: 'Pause', explanation: `Stops after the current step and saves a checkpoint; Resume goes on to step ${runTarget}.` };
  if (phase === 'paused') return { kind: 'resume', label: `Resume to step ${runTarget}`, explanation: `Goes on with the paused run from step ${done}.` };
  if (done >= target) return { kind: 'trained', label: `Trained to step ${done}`, explanation: 'Raise "Train to step" to train further.' };
  if (done === 0) return { kind: 'train', label: `Train to step ${target}`, explanation: `Trains the new model for ${target} steps.` };
  return { kind: 'continue', label: `Continue from step ${done} to ${target}`, explanation: `Trains ${target - done} more steps, from the model's last step.` };
}
