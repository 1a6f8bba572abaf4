/**
 * The cosine schedule against numpy (goldens/diffusion-schedule.json, made by goldens/make_diffusion_goldens.py in
 * the form of Nichol & Dhariwal's reference code).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../core/testing/corpus';
import { cosineSchedule, ddimSteps, diffuse, marginal, MAX_BETA, posterior, TIMESTEPS } from './schedule';

interface Point {
  i: number;
  beta: number;
  alpha: number;
  alpha_bar: number;
  alpha_bar_cosine: number;
  alpha_bar_prev: number;
  sqrt_alpha_bar: number;
  sqrt_one_minus_alpha_bar: number;
  posterior_variance: number;
  posterior_mean_coef_x0: number;
  posterior_mean_coef_xt: number;
}

const golden: { T: number; clipped: number[]; points: Point[]; ddim: { S: number; steps: number[] }[] } = JSON.parse(
  readFileSync(resolve(REPO_ROOT, 'goldens/diffusion-schedule.json'), 'utf8'),
);

/** Relative agreement; float64 on both sides, so only the order of operations differs. */
function close(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)) + 1e-15);
}

describe('cosine schedule', () => {
  const s = cosineSchedule();

  it('has T = 1000 steps, as numpy', () => {
    expect(TIMESTEPS).toBe(golden.T);
    expect(s.beta).toHaveLength(golden.T);
  });

  it.each(golden.points.map((p) => [p.i, p] as const))('matches numpy at index %i', (i, p) => {
    close(s.beta[i]!, p.beta);
    close(s.alpha[i]!, p.alpha);
    close(s.alphaBar[i]!, p.alpha_bar, 1e-10);
    close(s.alphaBarPrev[i]!, p.alpha_bar_prev, 1e-10);
    close(s.posteriorVariance[i]!, p.posterior_variance, 1e-10);
    const q = marginal(s, i);
    close(q.signal, p.sqrt_alpha_bar, 1e-10);
    close(q.noise, p.sqrt_one_minus_alpha_bar, 1e-10);
    const post = posterior(s, i);
    close(post.coefX0, p.posterior_mean_coef_x0, 1e-10);
    close(post.coefXt, p.posterior_mean_coef_xt, 1e-10);
    // Where β is not clipped, the product of (1 − β) is the closed form f(t)/f(0).
    if (!golden.clipped.includes(i)) close(s.alphaBar[i]!, p.alpha_bar_cosine, 1e-10);
  });

  it('clips β at 0.999 only where numpy does', () => {
    const clipped = [...s.beta.keys()].filter((i) => s.beta[i] === MAX_BETA);
    expect(clipped).toEqual(golden.clipped);
  });

  it.each(golden.ddim.map((d) => [d.S, d.steps] as const))('DDIM with %i steps takes numpy.linspace’s indices', (S, steps) => {
    expect(ddimSteps(golden.T, S)).toEqual(steps);
  });

  it('diffuses a batch as √ᾱ x₀ + √(1 − ᾱ) ε per sample', () => {
    const [a, b] = [golden.points[3]!, golden.points[10]!];
    const out = tf.tidy(() => {
      const x0 = tf.tensor4d([0.5, -1], [2, 1, 1, 1]);
      const noise = tf.tensor4d([2, 0.25], [2, 1, 1, 1]);
      return diffuse(s, x0, [a.i, b.i], noise).dataSync();
    });
    expect(out[0]).toBeCloseTo(a.sqrt_alpha_bar * 0.5 + a.sqrt_one_minus_alpha_bar * 2, 6);
    expect(out[1]).toBeCloseTo(-b.sqrt_alpha_bar + b.sqrt_one_minus_alpha_bar * 0.25, 6);
  });
});
