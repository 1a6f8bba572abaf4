import { useId } from 'react';
import type { SeriesStyle } from './series-style';

/** Spacing of a hatching's lines, in pixels of the chart. */
const HATCH_SPACING = 5;

/** A `pattern` element of parallel lines in a series' colour at its angle (for `fill="url(#id)"`). */
export function HatchPattern({ id, style }: { id: string; style: SeriesStyle }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width={HATCH_SPACING} height={HATCH_SPACING} patternTransform={`rotate(${style.hatch ?? 0})`}>
      <line x1={0} y1={0} x2={0} y2={HATCH_SPACING} stroke={style.colour} strokeWidth={1.6} strokeOpacity={0.75} />
    </pattern>
  );
}

/** An id usable in `url(#…)`: React's useId with only letters, digits, - and _. */
export function useSvgId(prefix: string): string {
  return `${prefix}-${useId().replace(/[^\w-]/g, '')}`;
}

/** The fill a series' area takes: its hatching (the pattern `patternId` names), or its colour at its flat opacity. */
export function seriesFill(style: SeriesStyle, patternId?: string): { fill: string; fillOpacity: number } {
  if (style.hatch === undefined) return { fill: style.colour, fillOpacity: style.fillOpacity };
  if (patternId === undefined) throw new Error('a hatched series needs the id of its pattern');
  return { fill: `url(#${patternId})`, fillOpacity: 1 };
}

/** A legend's sample of a series, drawn as the chart draws it (fill or hatching, solid or dashed outline). */
export function SeriesSwatch({ style }: { style: SeriesStyle }) {
  const patternId = useSvgId('swatch');
  return (
    <svg className="compare-swatch" width={16} height={12} viewBox="0 0 16 12" aria-hidden="true">
      {style.hatch !== undefined && (
        <defs>
          <HatchPattern id={patternId} style={style} />
        </defs>
      )}
      <rect x={1} y={1} width={14} height={10} {...seriesFill(style, patternId)} stroke={style.colour} strokeWidth={1.5} strokeDasharray={style.dash || undefined} />
    </svg>
  );
}
