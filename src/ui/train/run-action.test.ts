import { describe, expect, it } from 'vitest';
import { runAction } from './run-action';

describe('the primary run control', () => {
  it('trains a new model, then continues it from its step', () => {
    expect(runAction({ phase: 'idle', done: 0, target: 200 })).toMatchObject({ kind: 'train', label: 'Train to step 200' });
    expect(runAction({ phase: 'stopped', done: 120, target: 200 })).toMatchObject({ kind: 'continue', label: 'Continue from step 120 to 200' });
    expect(runAction({ phase: 'finished', done: 200, target: 500 }).explanation).toBe("Trains 300 more steps, from the model's last step.");
  });

  it('pauses a running run and resumes a paused one to the target that run was started with', () => {
    expect(runAction({ phase: 'running', done: 40, target: 300, runTarget: 200 })).toMatchObject({ kind: 'pause', label: 'Pause' });
    expect(runAction({ phase: 'paused', done: 40, target: 300, runTarget: 200 })).toMatchObject({ kind: 'resume', label: 'Resume to step 200' });
  });

  it('says the model is at its target rather than offering a run of no steps', () => {
    expect(runAction({ phase: 'finished', done: 200, target: 200 })).toEqual({ kind: 'trained', label: 'Trained to step 200', explanation: 'Raise "Train to step" to train further.' });
  });

  it('never gives two situations the same label for different actions', () => {
    const situations = [
      { phase: 'idle', done: 0, target: 200 },
      { phase: 'idle', done: 50, target: 200 },
      { phase: 'paused', done: 50, target: 200 },
      { phase: 'running', done: 50, target: 200 },
    ] as const;
    const labels = situations.map((s) => runAction(s).label);
    expect(new Set(labels.map((l) => l.split(' ')[0])).size).toBe(situations.length);
  });
});
