import { describe, expect, it } from 'vitest';
import { axisSegments, isZoomed, shownSide, ZOOM_BY_DEFAULT_UP_TO_ATOMS } from './zoom';

describe('tensor zoom', () => {
  it('zooms small crystals by default, until the researcher chooses', () => {
    expect(ZOOM_BY_DEFAULT_UP_TO_ATOMS).toBe(20); // the occupied block is then at most 32 of the 64 rows
    expect(isZoomed(undefined, 8)).toBe(true);
    expect(isZoomed(undefined, 21)).toBe(false);
    expect(isZoomed(false, 8)).toBe(false);
    expect(isZoomed(true, 40)).toBe(true);
  });

  it('shows the 12 header rows and the atom slots in use, or the whole tensor', () => {
    expect(shownSide(true, 8)).toBe(20);
    expect(shownSide(true, 0)).toBe(12);
    expect(shownSide(true, 52)).toBe(64);
    expect(shownSide(false, 8)).toBe(64);
  });

  it('names every row of a zoomed map: the header slots, then the atoms from 1', () => {
    const segments = axisSegments(20, 8);
    expect(segments.map((s) => s.text)).toEqual(['Z', 'x', 'y', 'z', 'a', 'b', 'c', 'α', 'β', 'γ', 'sg', 'm', '1', '2', '3', '4', '5', '6', '7', '8']);
    expect(segments.every((s, i) => s.start === i && s.length === 1)).toBe(true);
    expect(segments[10]!.title).toBe('10: space group');
    expect(segments[12]!.title).toBe('12: atom 1');
    // A comparison shows the larger crystal's block: the smaller one's slots beyond its atoms are empty.
    expect(axisSegments(20, 5)[17]!.title).toBe('17: empty slot 6');
  });

  it('names the regions of the whole tensor', () => {
    expect(axisSegments(64, 8)).toEqual([
      { start: 0, length: 12, text: 'header', title: '0–11: header' },
      { start: 12, length: 8, text: '1–8', title: '12–19: atoms 1–8' },
      { start: 20, length: 44, text: 'empty', title: '20–63: empty slots' },
    ]);
    expect(axisSegments(64, 52).map((s) => s.text)).toEqual(['header', '1–52']);
  });
});
