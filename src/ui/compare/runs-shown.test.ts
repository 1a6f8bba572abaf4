import { describe, expect, it } from 'vitest';
import { defaultRunsShown, toggleRunShown } from './runs-shown';

describe('the runs the Compare charts draw', () => {
  it('start with the run in focus, then the newest, four at most', () => {
    expect(defaultRunsShown(['r1', 'r2', 'r3', 'r4', 'r5', 'r6'], 'r2')).toEqual(['r2', 'r6', 'r5', 'r4']);
    expect(defaultRunsShown(['r1', 'r2'], 'gone')).toEqual(['r2', 'r1']);
    expect(defaultRunsShown([], undefined)).toEqual([]);
  });

  it('add a ticked run at the end, up to four, and drop an unticked one', () => {
    expect(toggleRunShown(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggleRunShown(['a', 'b', 'c', 'd'], 'e', true)).toEqual(['a', 'b', 'c', 'd']);
    expect(toggleRunShown(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggleRunShown(['a'], 'a', true)).toEqual(['a']);
  });
});
