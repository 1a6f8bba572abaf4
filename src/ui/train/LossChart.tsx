import { memo, useDeferredValue, useId, useMemo, useState } from 'react';
import { formatTick } from '../charts/ticks';
import { lossPlot } from './loss-plot';
import { type LossPoint, useTrainStore } from './store';

const COLOURS = ['#2f5d8a', '#c2410c', '#15803d', '#7c3aed'];
const BOX = { width: 640, height: 220, left: 56, bottom: 24 };

/** One line per loss the model reports (a GAN's generator and discriminator, a diffusion model's ε loss). */
export function LossChart() {
  const history = useDeferredValue(useTrainStore((s) => s.history));
  const [log, setLog] = useState(false);
  const logId = useId();
  return (
    <figure className="loss-chart" data-testid="train-loss-chart">
      <figcaption>
        <span>Loss</span>
        <label htmlFor={logId}>
          <input id={logId} type="checkbox" checked={log} onChange={(e) => setLog(e.currentTarget.checked)} /> log scale
        </label>
      </figcaption>
      <LossLines history={history} log={log} />
    </figure>
  );
}

const LossLines = memo(function LossLines({ history, log }: { history: readonly LossPoint[]; log: boolean }) {
  const plot = useMemo(() => lossPlot(history, BOX, log), [history, log]);
  if (plot.series.length === 0) return <p className="muted">The loss curves appear here once training runs.</p>;
  const bottom = BOX.height - BOX.bottom;
  return (
    <>
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} className="loss-chart__plot" role="img" aria-label={`Loss over ${history.length} recorded steps`}>
        {plot.yTicks.map((t) => (
          <g key={t.value}>
            <line x1={BOX.left} x2={BOX.width} y1={t.at} y2={t.at} className="loss-chart__grid" />
            <text x={BOX.left - 6} y={t.at} className="loss-chart__tick" textAnchor="end" dominantBaseline="middle">
              {formatTick(t.value)}
            </text>
          </g>
        ))}
        {plot.xTicks.map((t) => (
          <text key={t.step} x={t.at} y={bottom + 16} className="loss-chart__tick" textAnchor="middle">
            {t.step}
          </text>
        ))}
        <line x1={BOX.left} x2={BOX.width} y1={bottom} y2={bottom} className="loss-chart__axis" />
        {plot.series.map((s, i) => (
          <polyline key={s.name} points={s.points} fill="none" stroke={COLOURS[i % COLOURS.length]} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
        ))}
      </svg>
      <ul className="loss-chart__legend">
        {plot.series.map((s, i) => (
          <li key={s.name}>
            <span className="swatch" style={{ background: COLOURS[i % COLOURS.length] }} aria-hidden="true" />
            {s.name}: {formatTick(s.last)}
          </li>
        ))}
        <li className="muted">step {history.at(-1)?.step}</li>
      </ul>
    </>
  );
});
