import type { DecodeSummary } from '../../core/crystens/decode-summary';
import type { Scorecard } from '../../core/metrics/evaluation';
import { MIN_DISTANCE, MIN_VOLUME } from '../../core/metrics/validity';
import { PUBLISHED_SCORES, type PublishedScore } from '../../core/metrics/published';
import { formatNumber, formatPercent } from './format';
import './compare.css';

export interface ScorecardRow {
  readonly label: string;
  /** 'floor': the real crystals' own tensors decoded; 'run': a model's samples. */
  readonly kind: 'floor' | 'run';
  readonly scorecard: Scorecard;
  readonly summary: DecodeSummary;
}

const COLUMNS = 12;

/** "98.2 %" with the count behind it. */
function Share({ share, of }: { share: number; of: number }) {
  return (
    <>
      {formatPercent(share)} <span className="compare-count">({Math.round(share * of)} of {of})</span>
    </>
  );
}

/** Site counts, most common first: "5 sites 94 %, 1 site 6 %". */
export function siteCountsText(summary: DecodeSummary): string {
  const entries = Object.entries(summary.siteCounts).map(([n, k]) => [Number(n), k] as const).sort((x, y) => y[1] - x[1]);
  if (entries.length === 0) return '—';
  const shown = entries.slice(0, 3).map(([n, k]) => `${n} site${n === 1 ? '' : 's'} ${formatPercent(k / summary.crystals)}`);
  return entries.length > 3 ? `${shown.join(', ')}, …` : shown.join(', ');
}

function failuresText(summary: DecodeSummary): string {
  const failed = Object.entries(summary.failedBy);
  return failed.length === 0 ? 'none' : failed.map(([why, k]) => `${k} ${why}`).join(', ');
}

function StudioRow({ row }: { row: ScorecardRow }) {
  const { scorecard: s, summary } = row;
  const unique = Math.round(s.uniqueness * s.count);
  return (
    <tr data-testid="compare-scorecard-row" data-kind={row.kind} data-model={row.label}>
      <th scope="row">{row.label}</th>
      <td className="num">
        {summary.crystals} of {summary.tensors}
        <div className="compare-count">failed: {failuresText(summary)}</div>
      </td>
      <td className="num"><Share share={s.valid} of={s.count} /><div className="compare-count">struct. {formatPercent(s.structural)}, comp. {formatPercent(s.compositional)}</div></td>
      <td className="num"><Share share={s.uniqueness} of={s.count} /></td>
      <td className="num"><Share share={s.novelty} of={unique} /></td>
      <td className="num">{formatPercent(s.coverage.recall)}</td>
      <td className="num">{formatPercent(s.coverage.precision)}</td>
      <td className="num">{formatNumber(s.emd.density)}</td>
      <td className="num">{formatNumber(s.emd.elements)}</td>
      <td className="num">{formatNumber(s.emd.atoms)}</td>
      <td>{siteCountsText(summary)}</td>
      <td className="num"><Share share={s.spaceGroupAgreement} of={s.count} /></td>
    </tr>
  );
}

const maybe = (x: number | undefined, f: (v: number) => string) => (x === undefined ? <span className="muted">—</span> : f(x));

function PublishedRow({ score }: { score: PublishedScore }) {
  const [lo, hi] = score.compositional ?? [];
  return (
    <tr data-testid="compare-scorecard-row" data-kind="published" data-model={score.dataset}>
      <th scope="row">{score.dataset}<div className="compare-count">{score.source}</div></th>
      <td className="num muted">—</td>
      <td className="num">
        struct. {maybe(score.structural, formatPercent)}, comp.{' '}
        {lo === undefined ? <span className="muted">—</span> : lo === hi ? formatPercent(lo) : `${formatPercent(lo)}–${formatPercent(hi!)}`}
      </td>
      <td className="num muted">—</td>
      <td className="num muted">—</td>
      <td className="num">{maybe(score.coverageRecall, formatPercent)}</td>
      <td className="num">{maybe(score.coveragePrecision, formatPercent)}</td>
      <td className="num">{maybe(score.emdDensity, formatNumber)}</td>
      <td className="num">{maybe(score.emdElements, formatNumber)}</td>
      <td className="num muted">—</td>
      <td className="muted">—</td>
      <td className="num muted">—</td>
    </tr>
  );
}

/**
 * The field's scorecard (CDVAE / DiffCSP / MatterGen definitions, ../shared/docs/evaluation.md) for the floor and
 * every run, above the published figures for the same metrics. Every share stands beside its count.
 */
export function ScorecardTable({ rows, cutoffs }: { rows: readonly ScorecardRow[]; cutoffs: { structure: number; composition: number } }) {
  return (
    <div className="table-wrap compare-scroll">
      <table className="compare-table" data-testid="compare-scorecard">
        <caption>Generation scorecard against the real crystals</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="num">Crystals of tensors</th>
            <th scope="col" className="num">Valid</th>
            <th scope="col" className="num">Unique</th>
            <th scope="col" className="num">Novel</th>
            <th scope="col" className="num">COV-R</th>
            <th scope="col" className="num">COV-P</th>
            <th scope="col" className="num">EMD density (g/cm³)</th>
            <th scope="col" className="num">EMD # elements</th>
            <th scope="col" className="num">EMD # sites</th>
            <th scope="col">Sites per crystal</th>
            <th scope="col" className="num">Space group agreement</th>
          </tr>
        </thead>
        <tbody>
          <tr className="compare-table__rowgroup"><th scope="rowgroup" colSpan={COLUMNS}>Here</th></tr>
          {rows.length === 0 ? (
            <tr><td colSpan={COLUMNS} className="muted">Computing…</td></tr>
          ) : (
            rows.map((row) => <StudioRow key={`${row.kind}:${row.label}`} row={row} />)
          )}
        </tbody>
        <tbody>
          <tr className="compare-table__rowgroup"><th scope="rowgroup" colSpan={COLUMNS}>Published (full training splits; not comparable one to one)</th></tr>
          {PUBLISHED_SCORES.map((score) => <PublishedRow key={score.dataset} score={score} />)}
        </tbody>
      </table>
      <p className="compare-note muted">
        Floor: the real crystals' own tensors through the same decoding — what a perfect generator would score. Valid:
        every pair of atoms at least {MIN_DISTANCE} Å apart across periodic images, a cell of at least {MIN_VOLUME} Å³, and
        a charge-neutral, electronegativity-ordered choice of SMACT oxidation states (CDVAE). Unique and novel:
        pymatgen's StructureMatcher (ltol 0.3, stol 0.5, angle 10°); novelty is a share of the unique crystals, against
        the real set here. COV-R / COV-P: CDVAE's coverage with CrystalNN and Magpie fingerprints, cutoffs{' '}
        {cutoffs.structure} / {cutoffs.composition}. EMDs: 1-Wasserstein distances over the valid crystals. A tensor that
        gave no crystal counts as invalid.
      </p>
    </div>
  );
}
