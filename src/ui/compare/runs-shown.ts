/**
 * Which runs the Compare panel's charts draw side by side: at most MAX_RUNS_SHOWN, in the order their styles are
 * given. Until the researcher picks, the run in focus (from the Generate panel) comes first, then the newest.
 */
import { MAX_RUNS_SHOWN } from './series-style';

export function defaultRunsShown(ids: readonly string[], focused?: string): string[] {
  const first = focused !== undefined && ids.includes(focused) ? [focused] : [];
  return [...first, ...ids.filter((id) => id !== focused).reverse()].slice(0, MAX_RUNS_SHOWN);
}

/** The runs shown after ticking (`on`) or unticking one; a tick beyond MAX_RUNS_SHOWN changes nothing. */
export function toggleRunShown(shown: readonly string[], id: string, on: boolean): readonly string[] {
  if (!on) return shown.filter((s) => s !== id);
  return shown.includes(id) || shown.length >= MAX_RUNS_SHOWN ? shown : [...shown, id];
}
