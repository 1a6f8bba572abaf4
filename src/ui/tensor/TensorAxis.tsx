import type { AxisSegment } from './zoom';

export interface TensorAxisProps {
  readonly segments: readonly AxisSegment[];
  /** CSS pixels per cell of the map beside it. */
  readonly cellSize: number;
  /** Along the top (naming columns) or down the left (naming rows). */
  readonly direction: 'columns' | 'rows';
}

/**
 * The names of a heatmap's columns or rows (zoom.ts's segments) lined up with its cells. Hidden from screen
 * readers: the map's label and the hover readout say the same in words.
 */
export function TensorAxis({ segments, cellSize, direction }: TensorAxisProps) {
  const along = direction === 'columns' ? (['left', 'width'] as const) : (['top', 'height'] as const);
  return (
    <div className={`tensor-axis tensor-axis--${direction}`} aria-hidden="true" data-testid={`tensor-axis-${direction}`}>
      {segments.map((s) => (
        <span
          key={s.start}
          className={s.length === 1 ? 'tensor-axis__cell' : 'tensor-axis__region'}
          style={{ [along[0]]: s.start * cellSize, [along[1]]: s.length * cellSize }}
          title={s.title}
        >
          {s.text}
        </span>
      ))}
    </div>
  );
}
