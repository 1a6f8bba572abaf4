import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration } from './format';

describe('display formats', () => {
  it('writes durations in the two largest units', () => {
    expect(formatDuration(0.4)).toBe('0 s');
    expect(formatDuration(75)).toBe('1 min 15 s');
    expect(formatDuration(4000)).toBe('1 h 7 min');
  });
  it('writes sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 2 ** 20)).toBe('3.0 MiB');
  });
  it('writes counts in thousands and millions', () => {
    expect(formatCount(512)).toBe('512');
    expect(formatCount(46512)).toBe('46.5 k');
    expect(formatCount(4_300_000)).toBe('4.30 M');
  });
});
