import { describe, expect, it } from 'vitest';
import { stackRows } from './lineLayout';

describe('stackRows', () => {
  it('spaced dots share the first row', () => {
    expect(stackRows([0, 10, 20], 8, 3)).toEqual([0, 0, 0]);
  });

  it('coinciding dots climb rows, in order along the line whatever the input order', () => {
    expect(stackRows([50, 0, 50, 4, 50], 8, 5)).toEqual([0, 0, 1, 1, 2]);
  });

  it('beyond the last row a dot overlaps the row that freed up first', () => {
    expect(stackRows([0, 0, 0, 3], 8, 2)).toEqual([0, 1, 0, 1]);
  });
});
