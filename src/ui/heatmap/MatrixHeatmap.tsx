import {
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { colormaps, type ColormapName } from './colormap';
import { paintMatrix, type ValueRange } from './paint';
import './heatmap.css';

export interface HeatmapCell {
  readonly row: number;
  readonly col: number;
}

/** A rectangle of cells to outline: top-left cell (row, col) and its size in cells. */
export interface HeatmapOutline extends HeatmapCell {
  readonly rows: number;
  readonly columns: number;
  /** Names the region for screen readers and in the tooltip of its cells. */
  readonly label: string;
}

export interface MatrixHeatmapProps {
  /** Row-major, rows × columns values. Treated as immutable: pass a new array to repaint. */
  readonly values: ArrayLike<number>;
  readonly rows: number;
  readonly columns: number;
  /** Values mapped onto the ends of the colour map; values outside take the end colours. */
  readonly range: ValueRange;
  readonly colormap?: ColormapName;
  /** CSS pixels per cell (default 4). */
  readonly pixelSize?: number;
  /** Called when the pointer or the arrow keys move onto a cell; makes the map focusable. */
  readonly onHover?: (row: number, col: number) => void;
  /** Called when the pointer leaves the map or the map loses focus. */
  readonly onLeave?: () => void;
  readonly outlines?: readonly HeatmapOutline[];
  /**
   * Cell to mark, e.g. the one hovered in a sibling map. When left out, the map marks the cell under its own
   * pointer or keyboard cursor; null marks nothing.
   */
  readonly marker?: HeatmapCell | null;
  readonly ariaLabel: string;
  readonly testId?: string;
}

const DEFAULT_PIXEL_SIZE = 4;
const NO_OUTLINES: readonly HeatmapOutline[] = [];

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

const clamp = (v: number, hi: number) => (v < 0 ? 0 : v > hi ? hi : v);

const contains = (o: HeatmapOutline, c: HeatmapCell) =>
  c.row >= o.row && c.row < o.row + o.rows && c.col >= o.col && c.col < o.col + o.columns;

/**
 * A matrix drawn as a heatmap on a canvas: one pixel per cell painted through a colour table, then scaled up
 * without smoothing at the device-pixel ratio, so cells stay sharp squares. Outlines and the marked cell are
 * stroked on top with a dark-under-light line that reads on every colour of the map.
 */
export function MatrixHeatmap({
  values,
  rows,
  columns,
  range,
  colormap = 'viridis',
  pixelSize = DEFAULT_PIXEL_SIZE,
  onHover,
  onLeave,
  outlines = NO_OUTLINES,
  marker,
  ariaLabel,
  testId,
}: MatrixHeatmapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<HeatmapCell | null>(null);
  const [lo, hi] = range;

  // The painted cells, one pixel each, kept apart so that moving the marker does not repaint them.
  const cellCanvas = useMemo(() => {
    if (rows < 1 || columns < 1) return undefined;
    const image = new ImageData(columns, rows);
    paintMatrix(image.data, values, [lo, hi], colormaps[colormap]);
    const canvas = document.createElement('canvas');
    canvas.width = columns;
    canvas.height = rows;
    canvas.getContext('2d')?.putImageData(image, 0, 0);
    return canvas;
  }, [values, rows, columns, lo, hi, colormap]);
  const marked = marker === undefined ? cursor : marker;

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !cellCanvas) return;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(columns * pixelSize * ratio);
    const height = Math.round(rows * pixelSize * ratio);
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;

    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, width, height);
    context.imageSmoothingEnabled = false;
    context.drawImage(cellCanvas, 0, 0, width, height);

    // From here on one unit is one cell.
    const unit = pixelSize * ratio;
    context.setTransform(width / columns, 0, 0, height / rows, 0, 0);
    const stroke = (row: number, col: number, h: number, w: number) => {
      context.lineWidth = (2.5 * ratio) / unit;
      context.strokeStyle = 'rgb(20 24 33 / 70%)';
      context.strokeRect(col, row, w, h);
      context.lineWidth = ratio / unit;
      context.strokeStyle = 'rgb(255 255 255 / 90%)';
      context.strokeRect(col, row, w, h);
    };
    for (const o of outlines) stroke(o.row, o.col, o.rows, o.columns);
    if (marked) stroke(marked.row, marked.col, 1, 1);
  }, [cellCanvas, rows, columns, pixelSize, outlines, marked]);

  const move = (cell: HeatmapCell) => {
    if (cursor?.row === cell.row && cursor.col === cell.col) return;
    setCursor(cell);
    onHover?.(cell.row, cell.col);
  };
  const leave = () => {
    setCursor(null);
    onLeave?.();
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    move({
      row: clamp(Math.floor(((event.clientY - box.top) / box.height) * rows), rows - 1),
      col: clamp(Math.floor(((event.clientX - box.left) / box.width) * columns), columns - 1),
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (event.key === 'Escape') return leave();
    const step = ARROWS[event.key];
    if (!step) return;
    event.preventDefault();
    const from = cursor ?? { row: 0, col: 0 };
    move({ row: clamp(from.row + step[0], rows - 1), col: clamp(from.col + step[1], columns - 1) });
  };

  // Focus from the keyboard puts the cursor on the first cell; focus from a click leaves it to the pointer.
  const onFocus = (event: FocusEvent<HTMLCanvasElement>) => {
    if (!cursor && event.currentTarget.matches(':focus-visible')) move({ row: 0, col: 0 });
  };

  const interactive = onHover !== undefined;
  const regions = outlines.length > 0 ? `. Outlined: ${outlines.map((o) => o.label).join(', ')}` : '';
  // The innermost region is the one listed last.
  const tooltip = cursor ? outlines.filter((o) => contains(o, cursor)).at(-1)?.label : undefined;

  return (
    <canvas
      ref={canvasRef}
      className="matrix-heatmap"
      style={{ width: columns * pixelSize, height: rows * pixelSize }}
      role="img"
      aria-label={`${ariaLabel}${regions}${interactive ? '. Arrow keys move the cursor' : ''}`}
      title={tooltip}
      tabIndex={interactive ? 0 : undefined}
      data-testid={testId}
      onPointerMove={interactive ? onPointerMove : undefined}
      onPointerLeave={interactive ? leave : undefined}
      onKeyDown={interactive ? onKeyDown : undefined}
      onFocus={interactive ? onFocus : undefined}
      onBlur={interactive ? leave : undefined}
    />
  );
}
