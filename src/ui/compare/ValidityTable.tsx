import { MIN_DISTANCE, MIN_VOLUME, type SetValidity } from '../../core/metrics/validity';
import { formatPercent } from './format';
import { VALIDITY_MEASURES, type ValidityMeasure, validityShares } from './validityShares';
import './compare.css';

export interface ModelValidityRow {
  readonly model: string;
  readonly validity: SetValidity;
}

const HEADERS: Readonly<Record<ValidityMeasure, string>> = {
  structural: 'Structural validity',
  compositional: 'Compositional validity',
  uniqueness: 'Uniqueness',
  novelty: 'Novelty',
  spaceGroupAgreement: 'Space group agreement',
};

/**
 * Validity, uniqueness and novelty of each model's generated crystals (spec §5, beyond the paper), as
 * percentages with the counts behind them. Renders nothing without rows: the distributions' empty state speaks.
 */
export function ValidityTable({ rows }: { rows: readonly ModelValidityRow[] }) {
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="compare-table" data-testid="compare-validity">
        <caption>Validity of generated crystals (higher is better)</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="num">Crystals</th>
            {VALIDITY_MEASURES.map((measure) => (
              <th key={measure} scope="col" className="num">{HEADERS[measure]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ model, validity }) => {
            const shares = validityShares(validity);
            return (
              <tr key={model} data-testid="compare-validity-row" data-model={model}>
                <th scope="row">{model}</th>
                <td className="num">{validity.count}</td>
                {VALIDITY_MEASURES.map((measure) => {
                  const { share, count, of } = shares[measure];
                  return (
                    <td key={measure} className="num">
                      {formatPercent(share)} <span className="compare-count">({count} of {of})</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="compare-note muted">
        Structural: every pair of atoms at least {MIN_DISTANCE} Å apart across periodic images and a cell of at least{' '}
        {MIN_VOLUME} Å³. Compositional: one common oxidation state per element makes the cell charge-neutral. Unique:
        no earlier generated crystal has the same reduced formula, space group and volume per atom. Novel: a unique
        crystal not in the training set (a share of the unique ones). Space group agreement: the symmetry detected in
        the reconstruction is the space group its tensor predicted.
      </p>
    </div>
  );
}
