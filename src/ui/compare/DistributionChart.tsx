import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Tooltip, type TooltipContentProps, XAxis, YAxis } from 'recharts';
import type { Property, RunsDistribution } from '../../core/metrics/distributions';
import { enclosingTicks, formatTick, niceTicks } from '../charts/ticks';
import { binLabel, densityLabel, formatNumber, formatPValue, formatQuantity, P_VALUE_FLOOR, PROPERTY_DESCRIPTIONS } from './format';
import { type HistogramStep, histogramSteps, peakDensity } from './histogramSteps';
import { REAL_STYLE, runStyle } from './series-style';
import { HatchPattern, seriesFill, SeriesSwatch, useSvgId } from './SeriesSwatch';
import './compare.css';

// Module constants keep the chart's props referentially stable, so a parent's re-render costs nothing here.
const CHART_STYLE = { width: '100%', height: 200 } as const;
const CHART_MARGIN = { top: 8, right: 12, bottom: 4, left: 4 } as const;
const TICK = { fontSize: 11, fill: 'var(--muted)' } as const;
const AXIS_LINE = { stroke: 'var(--line)' } as const;
const X_DOMAIN = ['dataMin', 'dataMax'] as const;
const AXIS_LABEL = { fontSize: 12, fill: 'var(--muted)' } as const;
/** Ticks per axis at most: round values (1, 2, 2.5 or 5 × 10ᵏ apart) rather than recharts' split of the range (2.47, 9.47). */
const X_TICKS = 6;
const Y_TICKS = 5;

const KS_METHOD = { exact: 'exact null distribution', asymp: 'asymptotic distribution' } as const;

interface BinTooltipProps extends Partial<TooltipContentProps> {
  readonly property: Property;
  readonly integer: boolean;
  readonly labels: readonly string[];
}

/** The hovered bin and every series' density with its count; recharts fills in the tooltip props. */
function BinTooltip({ active, payload, property, integer, labels }: BinTooltipProps) {
  const step = payload?.[0]?.payload as HistogramStep | undefined;
  if (!active || !step) return null;
  return (
    <div className="compare-tooltip">
      <div className="compare-tooltip__bin">{binLabel(property, step.lo, step.hi, integer)}</div>
      <div>
        <SeriesSwatch style={REAL_STYLE} />
        real {formatNumber(step.real)} ({step.realCount})
      </div>
      {labels.map((label, i) => (
        <div key={i}>
          <SeriesSwatch style={runStyle(i)} />
          {label} {formatNumber(step.generated[i]!)} ({step.generatedCounts[i]})
        </div>
      ))}
    </div>
  );
}

/**
 * Real against generated density histograms of one property (spec §5) for one run or several side by side, all
 * normalised to unit area on shared bins so that samples of different sizes compare, with each run's K–S
 * statistic, p-value, W₁ and sample size. `labels` names the runs, in the distribution's order.
 */
export const DistributionChart = memo(function DistributionChart({ distribution, labels }: { distribution: RunsDistribution; labels: readonly string[] }) {
  const { property, histogram, runs, real } = distribution;
  const description = PROPERTY_DESCRIPTIONS[property];
  const integer = histogram.rule === 'integer';
  const steps = useMemo(() => histogramSteps(histogram), [histogram]);
  const xTicks = useMemo(() => (steps.length > 0 ? niceTicks(steps[0]!.x, steps.at(-1)!.x, X_TICKS, { integer }).values : []), [steps, integer]);
  const yTicks = useMemo(() => enclosingTicks(0, peakDensity(steps), Y_TICKS).values, [steps]);
  const yDomain = useMemo(() => [0, yTicks.at(-1) ?? 1] as const, [yTicks]);
  const patternId = useSvgId(`hatch-${property}`);

  return (
    <figure className="compare-chart" data-testid={`compare-chart-${property}`}>
      <figcaption className="compare-chart__caption">
        <h3>{description.title}</h3>
        <dl className="compare-chart__stats" data-testid={`compare-ks-${property}`}>
          {runs.map((run, i) => (
            <div key={i} className="compare-chart__run" title={run ? `${labels[i]}: two-sample Kolmogorov–Smirnov test, p from the ${KS_METHOD[run.ks.method]}; 1-Wasserstein distance` : labels[i]}>
              <dt>
                <SeriesSwatch style={runStyle(i)} />
                K–S
              </dt>
              {run ? (
                <dd>
                  D = {formatNumber(run.ks.statistic)}, p {run.ks.pvalue < P_VALUE_FLOOR ? '' : '= '}
                  {formatPValue(run.ks.pvalue)} · W₁ {formatQuantity(run.wasserstein, description.unit)} · n = {run.generated}
                </dd>
              ) : (
                <dd>no {description.symbol} in this run</dd>
              )}
            </div>
          ))}
          <div className="compare-chart__run">
            <dt>
              <SeriesSwatch style={REAL_STYLE} />
              real
            </dt>
            <dd>
              n = {real} {description.sample}
            </dd>
          </div>
        </dl>
      </figcaption>
      <AreaChart responsive data={steps} style={CHART_STYLE} margin={CHART_MARGIN} title={`${description.title}: density of real and generated ${description.sample}`}>
        <defs>
          {runs.map((_, i) => (
            <HatchPattern key={i} id={`${patternId}-${i}`} style={runStyle(i)} />
          ))}
        </defs>
        <CartesianGrid vertical={false} stroke="var(--line)" />
        <XAxis
          type="number"
          dataKey="x"
          domain={X_DOMAIN}
          ticks={xTicks}
          allowDecimals={!integer}
          tickFormatter={formatTick}
          tick={TICK}
          axisLine={AXIS_LINE}
          tickLine={AXIS_LINE}
          height={38}
          label={{ value: description.axis, position: 'insideBottom', ...AXIS_LABEL }}
        />
        <YAxis
          domain={yDomain}
          ticks={yTicks}
          tickFormatter={formatTick}
          tick={TICK}
          axisLine={AXIS_LINE}
          tickLine={AXIS_LINE}
          width={56}
          label={{ value: densityLabel(property), angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' }, ...AXIS_LABEL }}
        />
        <Tooltip content={<BinTooltip property={property} integer={integer} labels={labels} />} isAnimationActive={false} />
        <Area type="step" dataKey="real" name="real" stroke={REAL_STYLE.colour} {...seriesFill(REAL_STYLE)} strokeWidth={1.5} isAnimationActive={false} activeDot={false} />
        {runs.map((_, i) => {
          const style = runStyle(i);
          return (
            <Area
              key={i}
              type="step"
              dataKey={(step: HistogramStep) => step.generated[i]}
              name={labels[i]}
              stroke={style.colour}
              strokeDasharray={style.dash}
              {...seriesFill(style, `${patternId}-${i}`)}
              strokeWidth={2}
              isAnimationActive={false}
              activeDot={false}
            />
          );
        })}
      </AreaChart>
    </figure>
  );
});
