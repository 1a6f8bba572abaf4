import type { ReactNode } from 'react';
import {
  type CrystalMetrics, METRIC_NAMES, PAPER_METRICS, PAPER_SAMPLE_SIZE, type PaperModel,
} from '../../core/crystens/metrics';
import { formatNumber } from './format';
import './compare.css';

export interface ModelMetricsRow {
  readonly model: string;
  /** Averages over the model's generated crystals; undefined while it has none. */
  readonly metrics: CrystalMetrics | undefined;
  /** How many crystals the averages are over… */
  readonly count: number;
  /** …of how many tensors (the paper's figures: crystals only). */
  readonly tensors?: number;
}

interface MetricHeader {
  readonly symbol: ReactNode;
  /** '' for a dimensionless figure. */
  readonly unit: string;
}

/** Spec §5 names and units. "frac." is a fraction of a cell edge, the unit of fractional coordinates. */
const HEADERS: Readonly<Record<keyof CrystalMetrics, MetricHeader>> = {
  varianceParameter: { symbol: <>σ<sup>2</sup><sub>parameter</sub></>, unit: 'Å²' },
  varianceAngle: { symbol: <>σ<sup>2</sup><sub>angle</sub></>, unit: 'deg²' },
  varianceSpaceGroup: { symbol: <>σ<sup>2</sup><sub>space group</sub></>, unit: '' },
  varianceFrac: { symbol: <>σ<sup>2</sup><sub>frac</sub></>, unit: 'frac.²' },
  deltaCoordinate: { symbol: <>Δcoordinate / atom</>, unit: 'frac.' },
  pairwisePerAtom: { symbol: <>Σpairwise / atom</>, unit: 'frac.' },
};

const PAPER_MODELS = Object.keys(PAPER_METRICS) as PaperModel[];
const COLUMNS = METRIC_NAMES.length + 2;

function MetricsRow({ row, source }: { row: ModelMetricsRow; source: 'studio' | 'paper' }) {
  return (
    <tr data-testid="compare-metrics-row" data-source={source} data-model={row.model}>
      <th scope="row">{row.model}</th>
      <td className="num">{row.tensors === undefined ? row.count : `${row.count} of ${row.tensors}`}</td>
      {METRIC_NAMES.map((name) => (
        <td key={name} className="num">
          {row.metrics ? formatNumber(row.metrics[name]) : <span className="muted">—</span>}
        </td>
      ))}
    </tr>
  );
}

/**
 * The paper's Table 1 (variances of the repeated copies in each generated tensor) and Table 2 (header against
 * voted coordinates, pairwise distances) for every model trained here, above the paper's own figures.
 */
export function MetricsTable({ rows }: { rows: readonly ModelMetricsRow[] }) {
  return (
    <div className="table-wrap compare-scroll">
      <table className="compare-table" data-testid="compare-metrics">
        <caption>
          Reconstruction metrics, averaged over the tensors that gave a crystal (lower is better; a constant output
          scores perfectly, so read them with the scorecard and the floor)
        </caption>
        <thead>
          <tr>
            <td colSpan={2} />
            <th scope="colgroup" colSpan={4} className="compare-table__group">
              Table 1: variance of repeated copies
            </th>
            <th scope="colgroup" colSpan={2} className="compare-table__group">
              Table 2: coordinate agreement
            </th>
          </tr>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="num">Crystals of tensors</th>
            {METRIC_NAMES.map((name) => (
              <th key={name} scope="col" className="num">
                {HEADERS[name].symbol}
                {HEADERS[name].unit && <span className="compare-unit"> ({HEADERS[name].unit})</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="compare-table__rowgroup">
            <th scope="rowgroup" colSpan={COLUMNS}>Trained here</th>
          </tr>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS} className="muted">No model has generated crystals yet.</td>
            </tr>
          ) : (
            rows.map((row) => <MetricsRow key={row.model} row={row} source="studio" />)
          )}
        </tbody>
        <tbody>
          <tr className="compare-table__rowgroup">
            <th scope="rowgroup" colSpan={COLUMNS}>Paper (Alverson et al., 2024): trained on 53,856 crystals of Pearson's Crystal Data, not comparable one to one</th>
          </tr>
          {PAPER_MODELS.map((model) => (
            <MetricsRow key={model} row={{ model, metrics: PAPER_METRICS[model], count: PAPER_SAMPLE_SIZE }} source="paper" />
          ))}
        </tbody>
      </table>
    </div>
  );
}
