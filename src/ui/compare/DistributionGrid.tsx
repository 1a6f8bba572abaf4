import { memo } from 'react';
import type { DistributionComparison } from '../../core/metrics/distributions';
import { DistributionChart } from './DistributionChart';
import './compare.css';

/**
 * The distribution charts (a, b, c, α, β, γ, space group, Z) in a responsive grid under one legend, or the
 * empty state when there is nothing generated to compare yet.
 */
export const DistributionGrid = memo(function DistributionGrid({ comparisons }: { comparisons: readonly DistributionComparison[] }) {
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
        {comparisons.map((comparison) => (
          <DistributionChart key={comparison.property} comparison={comparison} />
        ))}
      </div>
    </section>
  );
});
