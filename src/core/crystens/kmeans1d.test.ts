import { describe, expect, it } from 'vitest';
import { kmeans1d, kmeans1dAuto } from './kmeans1d';

describe('kmeans1d', () => {
  it("groups the paper's example atomic numbers into Mg and O with k = 2", () => {
    const z = [12.2, 12.6, 12.4, 12.5, 7.7, 7.4, 8.4, 8.5];
    const c = kmeans1d(z, 2);
    expect(c.centroids.map((v) => Math.round(v))).toEqual([8, 12]);
    expect(c.assignment).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
  });

  it('finds the global optimum where Lloyd iterations from a poor start would not', () => {
    // Optimal 3-clustering of these values is {0, 1}, {10}, {20, 21}: cost 1.0.
    const c = kmeans1d([0, 1, 10, 20, 21], 3);
    expect(c.centroids).toEqual([0.5, 10, 20.5]);
  });

  it('uses no more clusters than distinct values, and is deterministic', () => {
    const values = [0.5, 0, 0.5, 0, 0.5];
    expect(kmeans1d(values, 6)).toEqual({ k: 2, centroids: [0, 0.5], assignment: [1, 0, 1, 0, 1] });
    expect(kmeans1d(values, 6)).toEqual(kmeans1d([...values], 6));
  });

  it('chooses k automatically as the fewest clusters that fit the tolerance', () => {
    const coords = [0.001, 0.499, 0.502, 0.249, 0.251, 0.998];
    const c = kmeans1dAuto(coords, 0.01);
    expect(c.k).toBe(4);
    expect(kmeans1dAuto([1, 1, 1], 0.01).k).toBe(1);
  });
});
