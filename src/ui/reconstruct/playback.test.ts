import { describe, expect, it } from 'vitest';
import { type Playback, type PlaybackAction, playback, startPlayback } from './playback';
import { STEPS, type StepId } from './steps';

const ALL = STEPS.map((s) => s.id);
const run = (available: readonly StepId[], actions: PlaybackAction[], from = startPlayback(available)): Playback =>
  actions.reduce((state, action) => playback(available, state, action), from);

describe('playback', () => {
  it('starts paused at the first step', () => {
    expect(startPlayback(ALL)).toEqual({ step: 'count', playing: false });
    expect(startPlayback(['crystal'])).toEqual({ step: 'crystal', playing: false });
  });

  it('previous and next stay within the steps', () => {
    expect(run(ALL, [{ type: 'go', offset: -1 }])).toEqual({ step: 'count', playing: false });
    expect(run(ALL, [{ type: 'go', offset: 1 }, { type: 'go', offset: 1 }, { type: 'go', offset: 1 }]).step).toBe('vote');
    expect(run(ALL, Array(9).fill({ type: 'go', offset: 1 })).step).toBe('crystal');
  });

  it('skips the steps a failed reconstruction did not reach', () => {
    expect(run(['count', 'crystal'], [{ type: 'go', offset: 1 }]).step).toBe('crystal');
    expect(run(['count', 'crystal'], [{ type: 'show', step: 'vote' }]).step).toBe('count');
  });

  it('plays one step per tick and stops at the last', () => {
    const playing = run(ALL, [{ type: 'toggle' }]);
    expect(playing).toEqual({ step: 'count', playing: true });
    const ticks = (k: number) => run(ALL, Array(k).fill({ type: 'tick' }), playing);
    expect(ticks(4)).toEqual({ step: 'cluster', playing: true });
    expect(ticks(5)).toEqual({ step: 'crystal', playing: false });
    expect(ticks(9)).toEqual({ step: 'crystal', playing: false });
  });

  it('play at the last step starts again from the first; moving by hand pauses', () => {
    const end = run(ALL, [{ type: 'show', step: 'crystal' }]);
    expect(run(ALL, [{ type: 'toggle' }], end)).toEqual({ step: 'count', playing: true });
    expect(run(ALL, [{ type: 'toggle' }, { type: 'go', offset: 1 }])).toEqual({ step: 'average', playing: false });
    expect(run(ALL, [{ type: 'toggle' }, { type: 'toggle' }, { type: 'tick' }])).toEqual({ step: 'count', playing: false });
  });

  it('a single step cannot play', () => {
    expect(run(['crystal'], [{ type: 'toggle' }])).toEqual({ step: 'crystal', playing: false });
  });
});
