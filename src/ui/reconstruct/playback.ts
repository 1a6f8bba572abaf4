/** Previous / next / play over the steps a reconstruction can show: one serialisable state and its transitions. */
import type { StepId } from './steps';

export interface Playback {
  readonly step: StepId;
  /** Advancing on its own; never true at the last step. */
  readonly playing: boolean;
}

export type PlaybackAction =
  | { readonly type: 'go'; readonly offset: number }
  | { readonly type: 'show'; readonly step: StepId }
  | { readonly type: 'toggle' }
  | { readonly type: 'tick' };

export function startPlayback(available: readonly StepId[]): Playback {
  return { step: available[0]!, playing: false };
}

/**
 * The next state over `available` (the steps in order). Moving by hand (go, show) pauses; play from the last step
 * starts again at the first; a tick moves one step on and stops at the last.
 */
export function playback(available: readonly StepId[], state: Playback, action: PlaybackAction): Playback {
  const at = Math.max(0, available.indexOf(state.step));
  const last = available.length - 1;
  const to = (index: number, playing: boolean): Playback => ({ step: available[index]!, playing: playing && index < last });
  switch (action.type) {
    case 'go':
      return to(Math.min(last, Math.max(0, at + action.offset)), false);
    case 'show':
      return available.includes(action.step) ? { step: action.step, playing: false } : state;
    case 'toggle':
      if (state.playing) return { ...state, playing: false };
      return to(at === last ? 0 : at, true);
    case 'tick':
      return state.playing ? to(at + 1, true) : state;
  }
}
