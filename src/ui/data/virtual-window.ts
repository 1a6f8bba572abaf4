/**
 * The rows of a long table that are drawn: those in the scrolled viewport plus a margin either side, all of one
 * fixed height, with the height of the rows not drawn above and below them (kept as spacers, so that the
 * scroll bar stays true to the whole table).
 */

export interface Viewport {
  /** The scroll container's scrollTop (px). */
  readonly scrollTop: number;
  /** Its visible height (px). */
  readonly height: number;
  /** Distance from the top of its content to the first row (caption and header above the rows), px. */
  readonly rowsTop: number;
}

export interface RowWindow {
  /** First row drawn. */
  readonly first: number;
  /** One past the last row drawn. */
  readonly end: number;
  /** Height of the rows above `first` (px). */
  readonly before: number;
  /** Height of the rows from `end` on (px). */
  readonly after: number;
}

export function rowWindow(view: Viewport, rowCount: number, rowHeight: number, margin: number): RowWindow {
  const top = view.scrollTop - view.rowsTop;
  const clamp = (i: number) => Math.min(rowCount, Math.max(0, i));
  const first = clamp(Math.floor(top / rowHeight) - margin);
  const end = Math.max(first, clamp(Math.ceil((top + view.height) / rowHeight) + margin));
  return { first, end, before: first * rowHeight, after: (rowCount - end) * rowHeight };
}

/**
 * The scrollTop that shows row `index` whole, below a sticky header `headerHeight` high (the rows scroll under
 * it), moving as little as it can: the current scrollTop when the row is already in view.
 */
export function scrollTopShowing(view: Viewport, index: number, rowHeight: number, headerHeight: number): number {
  const rowTop = view.rowsTop + index * rowHeight;
  if (rowTop < view.scrollTop + headerHeight) return Math.max(0, rowTop - headerHeight);
  if (rowTop + rowHeight > view.scrollTop + view.height) return rowTop + rowHeight - view.height;
  return view.scrollTop;
}
