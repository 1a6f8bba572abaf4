/**
 * The learning rate at each training step. Constant, or decayed: from the model's rate it falls along a half
 * cosine (Loshchilov & Hutter 2017, without restarts) over `decaySteps` to DECAY_FLOOR of it, and stays there. A
 * rate that ends low lets a short run settle into the minimum that a constant rate keeps jumping around; the
 * floor keeps a model trained on past its decay learning (a fine-tune on new crystals). A pure function of the
 * step, so a resumed run steps exactly as the uninterrupted one. Free of tfjs: the Train panel reads it too.
 */

/** The share of its rate a decayed model trains with after `decaySteps`. */
export const DECAY_FLOOR = 0.1;

/** The learning rate of step `step` (from 0) of a model with rate `rate` and decay over `decaySteps` (0: none). */
export function learningRateAt(rate: number, decaySteps: number, step: number): number {
  if (decaySteps <= 0) return rate;
  const done = Math.min(step / decaySteps, 1);
  return rate * (DECAY_FLOOR + (1 - DECAY_FLOOR) * 0.5 * (1 + Math.cos(Math.PI * done)));
}
