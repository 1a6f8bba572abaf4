/** Sampling N tensors in chunks, streaming each chunk out as it comes, with progress and cancel. */
import { ENTRIES } from '../../core/crystens/layout';
import type { GenerativeModel, SampleOptions } from '../types';

export interface SampleRequest extends Omit<SampleOptions, 'onProgress'> {
  /** Tensors per chunk (memory: a diffusion chunk holds its whole batch through every step). */
  readonly chunk?: number;
  /**
   * Receives each chunk: `count` tensors, channels last, starting at index `offset`, in an array of its own (no
   * backend holds it: a worker transfers it to the page).
   */
  readonly onChunk: (tensors: Float32Array, offset: number, count: number) => void;
  /**
   * Fraction of all N done; returning false cancels. Through a worker's message port the answer is a promise,
   * which the sampler awaits.
   */
  readonly onProgress?: (fraction: number) => boolean | void | Promise<boolean | void>;
}

/** Returns how many tensors were produced (fewer than n when cancelled). */
export async function sampleInChunks(model: GenerativeModel, n: number, request: SampleRequest): Promise<number> {
  const chunk = Math.max(1, request.chunk ?? 16);
  let done = 0;
  while (done < n) {
    const count = Math.min(chunk, n - done);
    const base = done;
    const batch = await model.sample(count, {
      sampler: request.sampler,
      steps: request.steps,
      elements: request.elements,
      seed: (request.seed ?? model.config.seed) + base,
      onProgress: (f) => request.onProgress?.((base + f * count) / n),
    });
    if (!batch) return done;
    const data = (await batch.data()) as Float32Array;
    batch.dispose();
    // A copy: on the cpu backend data() may be the storage of a tensor another one still shares.
    request.onChunk(data.slice(0, count * ENTRIES), base, count);
    done += count;
    if (request.onProgress?.(done / n) === false) return done;
  }
  return done;
}
