/**
 * What the studio could not save, told to the researcher: IndexedDB can be full (the browser's quota), missing
 * (some private modes) or blocked, and a save that fails silently would only be found after a reload, as data
 * gone. Each problem names what is not being kept and why.
 */
import { create } from 'zustand';
import { describeStorageError } from '../ml/engine/storage-error';

export { describeStorageError };

export interface SaveProblem {
  /** What is not kept across a reload, as the researcher knows it ("the loaded crystals"). */
  readonly what: string;
  readonly why: string;
}

interface SaveProblemsState {
  readonly problems: readonly SaveProblem[];
  readonly dismiss: () => void;
}

export const useSaveProblems = create<SaveProblemsState>()((set) => ({
  problems: [],
  dismiss: () => set({ problems: [] }),
}));

/** Records a problem; one entry per `what`, the latest reason kept. */
export function reportSaveProblem(problem: SaveProblem): void {
  useSaveProblems.setState((s) => ({ problems: [...s.problems.filter((p) => p.what !== problem.what), problem] }));
}

/** Records that `what` is not kept because IndexedDB failed with `error`. */
export function reportSaveFailure(what: string, error: unknown): void {
  reportSaveProblem({ what, why: describeStorageError(error) });
}

/**
 * Why a copy IndexedDB did give back could not be used: damaged, or written by a version of the studio that kept
 * it otherwise. `error` is what using it threw.
 */
export function describeUnreadableCopy(error: unknown): string {
  return `the saved copy could not be read back (${error instanceof Error ? error.message : String(error)}): damaged, or written by another version of the studio`;
}
