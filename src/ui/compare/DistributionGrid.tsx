import { memo, useEffect, useState } from 'react';
import type { DistributionComparison } from '../../core/metrics/distributions';
import { DistributionChart } from './DistributionChart';
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
 * The distribution charts (a, b, c, α, β, γ, space group, Z) in a responsive grid under one legend, or the
 * empty state when there is nothing generated to compare yet.
 */
export const DistributionGrid = memo(function DistributionGrid({ comparisons }: { comparisons: readonly DistributionComparison[] }) {
  const shown = useOneAFrame(comparisons.length, comparisons);
  if (comparisons.length === 0) {
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
        <ul className="compare-legend" aria-label="Series">
          <li>
            <span className="compare-swatch compare-swatch--real" aria-hidden="true" />
            real (training set)
          </li>
          <li>
            <span className="compare-swatch compare-swatch--generated" aria-hidden="true" />
            generated
          </li>
        </ul>
      </header>
      <div className="compare-grid">
        {comparisons.map((comparison, i) =>
          i < shown ? <DistributionChart key={comparison.property} comparison={comparison} /> : <div key={comparison.property} className="compare-chart compare-chart--pending" />,
        )}
      </div>
    </section>
  );
});
