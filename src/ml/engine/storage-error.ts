/** Why a browser refused to store something, in the researcher's terms (IndexedDB's errors by name). */
export function describeStorageError(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') return "the browser's storage for this site is full (its quota); free space or export what you need";
  // Firefox's private mode and blocked storage fail on open (InvalidStateError, SecurityError); a browser with no
  // IndexedDB at all fails where it is first named (ReferenceError).
  if (['InvalidStateError', 'SecurityError', 'UnknownError', 'ReferenceError'].includes(name)) {
    return 'IndexedDB is unavailable here (a private window, or storage blocked for this site)';
  }
  // Neutral wording: the same errors come from saves and from reads (Chrome's NotReadableError for a damaged value).
  return `the browser's storage failed (${name || 'error'}: ${error instanceof Error ? error.message : String(error)})`;
}
