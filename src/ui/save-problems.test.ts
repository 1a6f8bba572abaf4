import { describe, expect, it } from 'vitest';
import { describeStorageError, reportSaveFailure, useSaveProblems } from './save-problems';

describe('save problems', () => {
  it("names the browser's reasons in the researcher's terms", () => {
    expect(describeStorageError(new DOMException('quota', 'QuotaExceededError'))).toBe(
      "the browser's storage for this site is full (its quota); free space or export what you need",
    );
    expect(describeStorageError(new DOMException('private', 'InvalidStateError'))).toBe(
      'IndexedDB is unavailable here (a private window, or storage blocked for this site)',
    );
    expect(describeStorageError(new ReferenceError('indexedDB is not defined'))).toMatch(/^IndexedDB is unavailable/);
    expect(describeStorageError(new Error('disk on fire'))).toBe("the browser's storage failed (Error: disk on fire)");
  });

  it('keeps one notice per thing not kept, with the latest reason', () => {
    reportSaveFailure('the loaded crystals', new Error('first'));
    reportSaveFailure('the generated samples', new DOMException('q', 'QuotaExceededError'));
    reportSaveFailure('the loaded crystals', new DOMException('q', 'QuotaExceededError'));
    expect(useSaveProblems.getState().problems.map((p) => p.what)).toEqual(['the generated samples', 'the loaded crystals']);
    expect(useSaveProblems.getState().problems[1]!.why).toMatch(/quota/);
    useSaveProblems.getState().dismiss();
    expect(useSaveProblems.getState().problems).toEqual([]);
  });
});
