/**
 * What the studio could not save, told to the researcher: IndexedDB can be full (the browser's quota), missing
 * (some private modes) or blocked, and a save that fails silently would only be found after a reload, as data
 * gone. Each problem names what is not being kept and why.
 */
import { create } from 'zustand';

export interface SaveProblem {
  /** What is not kept across a reload, as the researcher knows it ("the loaded crystals"). */
  readonly what: string;
  readonly why: string;
}

interface SaveProblemsState {
  readonly problems: readonly SaveProblem[];
  dismiss(): void;
}

export const useSaveProblems = create<SaveProblemsState>()((set) => ({
  problems: [],
  dismiss: () => set({ problems: [] }),
}));

/** Why a save failed, in the researcher's terms, from the error IndexedDB (or its absence) gave. */
export function describeStorageError(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') return "the browser's storage for this site is full (its quota); free space or export what you need";
  // Firefox's private mode and blocked storage fail on open (InvalidStateError, SecurityError); a browser with no
  // IndexedDB at all fails where it is first named (ReferenceError).
  if (['InvalidStateError', 'SecurityError', 'UnknownError', 'ReferenceError'].includes(name)) {
    return 'IndexedDB is unavailable here (a private window, or storage blocked for this site)';
  }
  return `saving failed (${name || 'error'}: ${error instanceof Error ? error.message : String(error)})`;
}

/** Records a problem; one entry per `what`, the latest reason kept. */
export function reportSaveProblem(problem: SaveProblem): void {
  useSaveProblems.setState((s) => ({ problems: [...s.problems.filter((p) => p.what !== problem.what), problem] }));
}

/** Records that `what` is not kept because IndexedDB failed with `error`. */
export function reportSaveFailure(what: string, error: unknown): void {
  reportSaveProblem({ what, why: describeStorageError(error) });
}
