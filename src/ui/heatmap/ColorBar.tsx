import { formatTick } from '../charts/ticks';
import { colormaps, cssGradient, type ColormapName } from './colormap';
import type { ValueRange } from './paint';
import './heatmap.css';

export interface ColorBarProps {
  readonly range: ValueRange;
  readonly colormap?: ColormapName;
  /** What the colours stand for, e.g. "normalised value". */
  readonly label?: string;
  /** Tick text; three significant digits by default. */
  readonly format?: (value: number) => string;
  readonly testId?: string;
}


/** A horizontal colour bar with ticks at both ends and the middle of the range. */
export function ColorBar({ range, colormap = 'viridis', label, format = formatTick, testId }: ColorBarProps) {
  const [lo, hi] = range;
  return (
    <figure className="color-bar" data-testid={testId}>
      {label && <figcaption className="color-bar__label">{label}</figcaption>}
      <div
        className="color-bar__ramp"
        style={{ background: cssGradient(colormaps[colormap]) }}
        role="img"
        aria-label={`${colormap} colour scale from ${format(lo)} to ${format(hi)}`}
      />
      <div className="color-bar__ticks" aria-hidden="true">
        <span>{format(lo)}</span>
        <span>{format((lo + hi) / 2)}</span>
        <span>{format(hi)}</span>
      </div>
    </figure>
  );
}
