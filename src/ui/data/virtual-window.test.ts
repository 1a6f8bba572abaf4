import { describe, expect, it } from 'vitest';
import { rowWindow, scrollTopShowing } from './virtual-window';

// 1,000 rows of 30 px under a 60 px caption and header, in a 300 px box: 10 rows in view at a time.
const at = (scrollTop: number) => ({ scrollTop, height: 300, rowsTop: 60 });

describe('the rows drawn of a long table', () => {
  it('draws the rows in view and the margin either side, the rest as spacers of their height', () => {
    expect(rowWindow(at(0), 1000, 30, 5)).toEqual({ first: 0, end: 13, before: 0, after: 987 * 30 });
    // Scrolled by 3,060 px: rows 100 … 109 fill the box.
    expect(rowWindow(at(3060), 1000, 30, 5)).toEqual({ first: 95, end: 115, before: 95 * 30, after: 885 * 30 });
    // Half a row further: row 110 peeks in at the bottom.
    expect(rowWindow(at(3075), 1000, 30, 5)).toEqual({ first: 95, end: 116, before: 95 * 30, after: 884 * 30 });
  });

  it('keeps the window within the rows: at the end, past the end (a shrunk filter), and with none', () => {
    expect(rowWindow(at(60 + 990 * 30), 1000, 30, 5)).toEqual({ first: 985, end: 1000, before: 985 * 30, after: 0 });
    expect(rowWindow(at(10_000_000), 1000, 30, 5)).toEqual({ first: 1000, end: 1000, before: 30_000, after: 0 });
    expect(rowWindow(at(500), 0, 30, 5)).toEqual({ first: 0, end: 0, before: 0, after: 0 });
  });

  it('scrolls as little as it can to show a row whole below a sticky header', () => {
    // Row 100 starts at 60 + 3000 px; the 30 px header covers the top of the box.
    expect(scrollTopShowing(at(0), 100, 30, 30)).toBe(3090 - 300);
    expect(scrollTopShowing(at(5000), 100, 30, 30)).toBe(3060 - 30);
    expect(scrollTopShowing(at(2900), 100, 30, 30)).toBe(2900);
    expect(scrollTopShowing(at(100), 0, 30, 30)).toBe(30);
  });
});
