/**
 * Runs work written as a generator (each `yield` a point where it may pause) in slices of a few milliseconds,
 * handing the main thread back between them so that the page keeps drawing and answering input.
 */

/** Work per slice: half a 60 Hz frame, so a slice never makes a frame long on its own. */
const SLICE_MS = 8;

/** Resolves with the generator's result; rejects with the signal's reason once aborted (the work stops there). */
export function runInSlices<T>(steps: Generator<unknown, T>, signal?: AbortSignal, sliceMs = SLICE_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const slice = () => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const end = performance.now() + sliceMs;
      try {
        for (;;) {
          const step = steps.next();
          if (step.done) return resolve(step.value);
          if (performance.now() >= end) break;
        }
      } catch (error) {
        return reject(error instanceof Error ? error : new Error(String(error)));
      }
      setTimeout(slice, 0);
    };
    slice();
  });
}
