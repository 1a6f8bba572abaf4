import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Tooltip, type TooltipContentProps, XAxis, YAxis } from 'recharts';
import type { DistributionComparison, Property } from '../../core/metrics/distributions';
import { binLabel, densityLabel, formatNumber, formatPValue, formatQuantity, P_VALUE_FLOOR, PROPERTY_DESCRIPTIONS } from './format';
import { formatTick, niceTicks } from '../charts/ticks';
import { type HistogramStep, histogramSteps } from './histogramSteps';
import './compare.css';

// Module constants keep the chart's props referentially stable, so a parent's re-render costs nothing here.
const CHART_STYLE = { width: '100%', height: 200 } as const;
const CHART_MARGIN = { top: 8, right: 12, bottom: 4, left: 4 } as const;
const TICK = { fontSize: 11, fill: 'var(--muted)' } as const;
const AXIS_LINE = { stroke: 'var(--line)' } as const;
const X_DOMAIN = ['dataMin', 'dataMax'] as const;
const AXIS_LABEL = { fontSize: 12, fill: 'var(--muted)' } as const;

const KS_METHOD = { exact: 'exact null distribution', asymp: 'asymptotic distribution' } as const;

interface BinTooltipProps extends Partial<TooltipContentProps> {
  readonly property: Property;
  readonly integer: boolean;
}

/** The hovered bin and both densities with their counts; recharts fills in the tooltip props. */
function BinTooltip({ active, payload, property, integer }: BinTooltipProps) {
  const step = payload?.[0]?.payload as HistogramStep | undefined;
  if (!active || !step) return null;
  return (
    <div className="compare-tooltip">
      <div className="compare-tooltip__bin">{binLabel(property, step.lo, step.hi, integer)}</div>
      <div>
        <span className="compare-swatch compare-swatch--real" aria-hidden="true" />
        real {formatNumber(step.real)} ({step.realCount})
      </div>
      <div>
        <span className="compare-swatch compare-swatch--generated" aria-hidden="true" />
        generated {formatNumber(step.generated)} ({step.generatedCount})
      </div>
    </div>
  );
}

/**
 * Real against generated density histograms of one property (spec §5), both normalised to unit area so that
 * samples of different sizes compare, with the K–S statistic, its p-value, W₁ and the sample sizes.
 */
export const DistributionChart = memo(function DistributionChart({ comparison }: { comparison: DistributionComparison }) {
  const { property, ks, wasserstein, histogram, real, generated } = comparison;
  const steps = useMemo(() => histogramSteps(histogram), [histogram]);
  // Round values (1, 2 or 5 × 10ⁿ apart) rather than recharts' even split of the data range (2.47, 9.47, …).
  const xTicks = useMemo(() => (steps.length > 0 ? niceTicks(steps[0]!.x, steps.at(-1)!.x, 6).values : []), [steps]);
  const description = PROPERTY_DESCRIPTIONS[property];
  const integer = histogram.rule === 'integer';

  return (
    <figure className="compare-chart" data-testid={`compare-chart-${property}`}>
      <figcaption className="compare-chart__caption">
        <h3>{description.title}</h3>
        <dl className="compare-chart__stats">
          <div data-testid={`compare-ks-${property}`} title={`Two-sample Kolmogorov–Smirnov test, p from the ${KS_METHOD[ks.method]}`}>
            <dt>K–S</dt>
            <dd>
              D = {formatNumber(ks.statistic)}, p {ks.pvalue < P_VALUE_FLOOR ? '' : '= '}{formatPValue(ks.pvalue)}
            </dd>
          </div>
          <div title="1-Wasserstein distance between the two samples">
            <dt>W₁</dt>
            <dd>{formatQuantity(wasserstein, description.unit)}</dd>
          </div>
          <div>
            <dt>n</dt>
            <dd>
              {real} real / {generated} generated {description.sample}
            </dd>
          </div>
        </dl>
      </figcaption>
      <AreaChart
        responsive
        data={steps}
        style={CHART_STYLE}
        margin={CHART_MARGIN}
        title={`${description.title}: density of real and generated ${description.sample}`}
      >
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
          tickFormatter={formatTick}
          tick={TICK}
          axisLine={AXIS_LINE}
          tickLine={AXIS_LINE}
          width={56}
          label={{ value: densityLabel(property), angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' }, ...AXIS_LABEL }}
        />
        <Tooltip content={<BinTooltip property={property} integer={integer} />} isAnimationActive={false} />
        <Area
          type="step"
          dataKey="real"
          name="real"
          stroke="var(--real)"
          fill="var(--real)"
          fillOpacity={0.2}
          strokeWidth={1.25}
          isAnimationActive={false}
          activeDot={false}
        />
        <Area
          type="step"
          dataKey="generated"
          name="generated"
          stroke="var(--generated)"
          fill="var(--generated)"
          fillOpacity={0.25}
          strokeWidth={1.5}
          isAnimationActive={false}
          activeDot={false}
        />
      </AreaChart>
    </figure>
  );
});
