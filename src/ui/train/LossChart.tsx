import { memo, useCallback, useDeferredValue, useId, useMemo, useState } from 'react';
import { formatTick } from '../charts/ticks';
import { download, fileStem } from '../download';
import { panelPlot, type PlotBox } from './loss-plot';
import { type LossPanel, lossCsv, lossPanels, lossSeries } from './loss-series';
import { chartRuns } from './library';
import { useTrainStore } from './store';
import './loss-chart.css';

const COLOURS = ['#2f5d8a', '#c2410c', '#15803d', '#7c3aed'];
/** The plot's height and margins; its width is the panel's. */
const BOX: PlotBox = { width: 360, height: 220, left: 58, right: 20, top: 10, bottom: 40 };
/** Below this the ticks crowd: the SVG scales down instead. */
const MIN_WIDTH = 240;
/** TensorBoard's default smoothing weight. */
const DEFAULT_SMOOTHING = 0.6;

/**
 * The losses the model reports, one panel per loss family (each with its own y axis), smoothed as TensorBoard does;
 * other library models' curves overlaid where ticked.
 */
export function LossChart() {
  const history = useDeferredValue(useTrainStore((s) => s.history));
  const kind = useTrainStore((s) => s.model?.config.kind);
  const { library, currentId, overlays, overlay } = useTrainStore();
  const [smoothing, setSmoothing] = useState(DEFAULT_SMOOTHING);
  const smoothingId = useId();
  const runs = useMemo(() => chartRuns(library, { id: currentId, history }, overlays), [library, currentId, history, overlays]);
  const panels = useMemo(() => lossPanels(runs.flatMap((run) => lossSeries(run.history, run.name))), [runs]);
  const others = library.filter((e) => e.id !== currentId);
  const saveCsv = () => {
    const name = `${fileStem(`${kind ?? 'model'} losses to step ${history.at(-1)?.step ?? 0}`)}.csv`;
    download(name, new Blob([lossCsv(history)], { type: 'text/csv' }));
  };
  return (
    <section className="loss-chart" data-testid="train-loss-chart" aria-label="Loss curves">
      <div className="loss-chart__controls">
        <span>Loss</span>
        <label htmlFor={smoothingId}>
          smoothing
          <input id={smoothingId} type="range" min={0} max={0.99} step={0.01} value={smoothing} data-testid="train-loss-smoothing"
            onChange={(e) => setSmoothing(Number(e.currentTarget.value))} />
          <output htmlFor={smoothingId}>{smoothing.toFixed(2)}</output>
        </label>
        <button type="button" className="button button--quiet" onClick={saveCsv} disabled={history.length === 0} data-testid="train-loss-csv">
          Download CSV
        </button>
      </div>
      {others.length > 0 && (
        <fieldset className="loss-chart__overlays" data-testid="train-loss-overlays">
          <legend>Overlay other models</legend>
          {others.map((e) => (
            <label key={e.id}>
              <input type="checkbox" checked={overlays[e.id] !== undefined} onChange={(ev) => void overlay(e.id, ev.currentTarget.checked)} data-testid="train-loss-overlay" />{' '}
              {e.name}
            </label>
          ))}
        </fieldset>
      )}
      {panels.length === 0 ? (
        <p className="muted">The loss curves appear here once training runs.</p>
      ) : (
        <div className="loss-chart__panels">
          {panels.map((panel) => (
            <LossPanelView key={panel.family.id} panel={panel} smoothing={smoothing} named={runs.length > 1} />
          ))}
        </div>
      )}
    </section>
  );
}

/** An element's width in CSS pixels, followed as the layout changes. */
function useWidth(fallback: number): [(element: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const [observer] = useState(() => new ResizeObserver(([entry]) => setWidth(Math.round(entry!.contentRect.width))));
  const ref = useCallback((element: HTMLElement | null) => {
    if (!element) return;
    observer.observe(element);
    return () => observer.disconnect();
  }, [observer]);
  return [ref, width];
}

/** `named`: several models' curves are drawn, so the legend names each line's model. */
const LossPanelView = memo(function LossPanelView({ panel, smoothing, named }: { panel: LossPanel; smoothing: number; named: boolean }) {
  const [wantLog, setWantLog] = useState(false);
  const logId = useId();
  // Drawn at the panel's own width, so that its text keeps the page's size whether one panel fills the row or three share it.
  const [measure, width] = useWidth(BOX.width);
  const box = useMemo(() => ({ ...BOX, width: Math.max(width, MIN_WIDTH) }), [width]);
  const plot = useMemo(() => panelPlot(panel, box, { smoothing, log: wantLog }), [panel, box, smoothing, wantLog]);
  const [left, right, top, bottom] = [box.left, box.width - box.right, box.top, box.height - box.bottom];
  const smoothed = smoothing > 0;
  return (
    <figure ref={measure} className="loss-panel" data-testid="train-loss-panel" data-family={panel.family.id}>
      <figcaption>
        <strong>{panel.family.title}</strong>
        <label htmlFor={logId} title={plot.logRefusal}>
          <input id={logId} type="checkbox" checked={plot.log} disabled={plot.logRefusal !== undefined} data-testid="train-loss-log"
            onChange={(e) => setWantLog(e.currentTarget.checked)} /> log scale
        </label>
      </figcaption>
      <svg viewBox={`0 0 ${box.width} ${box.height}`} className="loss-panel__plot" role="img"
        aria-label={`${panel.family.title}: ${panel.family.axis} against step${plot.log ? ', log scale' : ''}`}>
        {plot.yTicks.map((t) => (
          <g key={t.value}>
            <line x1={left} x2={right} y1={t.at} y2={t.at} className="loss-panel__grid" />
            <text x={left - 6} y={t.at} className="loss-panel__tick" textAnchor="end" dominantBaseline="middle">
              {formatTick(t.value)}
            </text>
          </g>
        ))}
        {plot.xTicks.map((t) => (
          <g key={t.value}>
            <line x1={t.at} x2={t.at} y1={bottom} y2={bottom + 4} className="loss-panel__axis" />
            <text x={t.at} y={bottom + 15} className="loss-panel__tick" textAnchor="middle">
              {t.value}
            </text>
          </g>
        ))}
        <polyline points={`${left},${top} ${left},${bottom} ${right},${bottom}`} fill="none" className="loss-panel__axis" />
        <text x={(left + right) / 2} y={box.height - 4} className="loss-panel__title" textAnchor="middle">
          step
        </text>
        <text transform={`translate(14 ${(top + bottom) / 2}) rotate(-90)`} className="loss-panel__title" textAnchor="middle">
          {panel.family.axis}
          {plot.log && ' (log)'}
        </text>
        {plot.lines.map((line, i) => (
          <g key={`${line.run}:${line.loss}`} stroke={COLOURS[i % COLOURS.length]}>
            {/* The values as reported stay faint behind the smoothed line, as in TensorBoard. */}
            {smoothed && <polyline points={line.raw} fill="none" strokeOpacity={0.25} strokeWidth={1} vectorEffect="non-scaling-stroke" />}
            <polyline points={line.smoothed} fill="none" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
            <circle cx={line.end.x} cy={line.end.y} r={2.5} fill={COLOURS[i % COLOURS.length]} stroke="none" />
          </g>
        ))}
      </svg>
      <ul className="loss-panel__legend">
        {plot.lines.map((line, i) => (
          <li key={`${line.run}:${line.loss}`}>
            <span className="swatch" style={{ background: COLOURS[i % COLOURS.length] }} aria-hidden="true" />
            {named && `${line.run}, `}
            {line.label}: {formatTick(line.last.smoothed)}
            {smoothed && <span className="muted"> (raw {formatTick(line.last.raw)})</span>} at step {line.last.step}
          </li>
        ))}
      </ul>
      {plot.logRefusal && (
        <p className="loss-panel__note" data-testid="train-loss-log-refusal">
          {plot.logRefusal}
        </p>
      )}
    </figure>
  );
});
