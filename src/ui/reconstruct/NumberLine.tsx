import { niceTicks } from '../charts/ticks';
import { stackRows } from './lineLayout';

export interface LinePoint {
  readonly value: number;
  /** CSS colour; the accent colour when left out. */
  readonly colour?: string;
  /** Drawn larger with a dark ring (a voter's own coordinate). */
  readonly emphasis?: boolean;
  /** Tooltip. */
  readonly label: string;
}

export interface LineMark {
  readonly value: number;
  /** mean: solid rule; reference: dashed rule (the header coordinate); centroid: a triangle on a thin rule. */
  readonly kind: 'mean' | 'reference' | 'centroid';
  readonly label: string;
  readonly colour?: string;
}

export interface NumberLineProps {
  readonly domain: readonly [number, number];
  readonly points: readonly LinePoint[];
  readonly marks?: readonly LineMark[];
  /** A shaded interval, e.g. mean ± σ. */
  readonly band?: readonly [number, number];
  readonly width: number;
  readonly height: number;
  /** Number of tick labels under the line; none when left out. */
  readonly ticks?: number;
  readonly ariaLabel: string;
  readonly testId?: string;
}

const RADIUS = 3.5;
const EMPHASIS_RADIUS = 5.5;
const SIDE = 10;
const TICK_SPACE = 16;
const CENTROID_TIP = 9;

/** Row 0 on the line, then alternately above and below it. */
const rowOffset = (row: number) => (row === 0 ? 0 : (row % 2 === 1 ? -1 : 1) * Math.ceil(row / 2));

/** Values on one axis as dots, with rules for means and references: the strip plots of the step-through. */
export function NumberLine({ domain, points, marks = [], band, width, height, ticks, ariaLabel, testId }: NumberLineProps) {
  const [lo, hi] = domain;
  const x = (v: number) => SIDE + ((v - lo) / (hi - lo)) * (width - 2 * SIDE);
  const plotHeight = height - (ticks ? TICK_SPACE : 0);
  const mid = plotHeight / 2;
  const gap = 2 * RADIUS + 1;
  const maxRows = Math.max(1, 2 * Math.floor((plotHeight / 2 - RADIUS - 2) / gap) + 1);
  const rows = stackRows(points.map((p) => x(p.value)), gap, maxRows);
  const axis = ticks ? niceTicks(lo, hi, ticks) : undefined;
  // Emphasised dots last, so that they are drawn on top.
  const order = points.map((_, i) => i).sort((a, b) => Number(points[a]!.emphasis ?? false) - Number(points[b]!.emphasis ?? false));

  return (
    <svg className="number-line" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={ariaLabel} data-testid={testId}>
      {band && <rect className="number-line__band" x={x(band[0])} y={2} width={Math.max(1, x(band[1]) - x(band[0]))} height={plotHeight - 4} />}
      <line className="number-line__axis" x1={SIDE} x2={width - SIDE} y1={mid} y2={mid} />
      {axis?.values.map((v) => (
        <g key={v} className="number-line__tick">
          <line x1={x(v)} x2={x(v)} y1={plotHeight - 3} y2={plotHeight} />
          <text x={x(v)} y={height - 3} textAnchor="middle">{v.toFixed(axis.decimals)}</text>
        </g>
      ))}
      {marks.map((m, i) => m.kind !== 'centroid' && (
        <line key={i} className={`number-line__${m.kind}`} x1={x(m.value)} x2={x(m.value)} y1={1} y2={plotHeight - 1}>
          <title>{m.label}</title>
        </line>
      ))}
      {order.map((i) => {
        const p = points[i]!;
        return (
          <circle
            key={i}
            className={p.emphasis ? 'number-line__dot number-line__dot--emphasis' : 'number-line__dot'}
            cx={x(p.value)}
            cy={mid + rowOffset(rows[i]!) * gap}
            r={p.emphasis ? EMPHASIS_RADIUS : RADIUS}
            style={p.colour ? { fill: p.colour } : undefined}
          >
            <title>{p.label}</title>
          </circle>
        );
      })}
      {/* Centroids on top of the dots: a thin rule through the plot, pointed at by a triangle from the top edge. */}
      {marks.map((m, i) => m.kind === 'centroid' && (
        <g key={i} className="number-line__centroid" style={m.colour ? { fill: m.colour } : undefined}>
          <title>{m.label}</title>
          <line x1={x(m.value)} x2={x(m.value)} y1={CENTROID_TIP} y2={plotHeight - 1} />
          <path d={`M ${x(m.value)} ${CENTROID_TIP} l -5 -8 h 10 z`} />
        </g>
      ))}
    </svg>
  );
}
