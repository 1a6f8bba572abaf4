import { memo, useEffect, useState } from 'react';
import type { RunsDistribution } from '../../core/metrics/distributions';
import { DistributionChart } from './DistributionChart';
import { REAL_STYLE, runStyle } from './series-style';
import { SeriesSwatch } from './SeriesSwatch';
import './compare.css';

/**
 * Charts drawn so far: one more each frame. A recharts chart mounts in one synchronous commit (its layout effects
 * measure the DOM), so eight at once were a 200 ms task; one a frame keeps the page responsive.
 */
function useOneAFrame(count: number, key: unknown): number {
  const [shown, setShown] = useState({ key, count: 0 });
  const current = shown.key === key ? shown.count : 0;
  useEffect(() => {
    if (current >= count) return;
    const frame = requestAnimationFrame(() => setShown({ key, count: current + 1 }));
    return () => cancelAnimationFrame(frame);
  }, [current, count, key]);
  return current;
}

/**
 * The distribution charts (a, b, c, α, β, γ, space group, Z) of the runs shown, side by side against the real set,
 * in a responsive grid under one legend (`labels` names the runs), or the empty state when there is nothing
 * generated to compare yet.
 */
export const DistributionGrid = memo(function DistributionGrid({ distributions, labels }: { distributions: readonly RunsDistribution[]; labels: readonly string[] }) {
  const shown = useOneAFrame(distributions.length, distributions);
  if (distributions.length === 0) {
    return (
      <p className="compare-empty muted" data-testid="compare-empty">
        Train a model and generate crystals to compare.
      </p>
    );
  }
  return (
    <section className="compare-distributions" aria-labelledby="compare-distributions-title" data-testid="compare-distributions">
      <header className="compare-distributions__header">
        <h2 id="compare-distributions-title">Distributions</h2>
        <ul className="compare-legend" aria-label="Series" data-testid="compare-legend">
          <li>
            <SeriesSwatch style={REAL_STYLE} />
            real (training set)
          </li>
          {labels.map((label, i) => (
            <li key={i}>
              <SeriesSwatch style={runStyle(i)} />
              {label}
            </li>
          ))}
        </ul>
      </header>
      <div className="compare-grid">
        {distributions.map((distribution, i) =>
          i < shown ? (
            <DistributionChart key={distribution.property} distribution={distribution} labels={labels} />
          ) : (
            <div key={distribution.property} className="compare-chart compare-chart--pending" />
          ),
        )}
      </div>
    </section>
  );
});
