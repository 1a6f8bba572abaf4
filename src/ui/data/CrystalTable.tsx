import { useDeferredValue, useMemo, useState } from 'react';
import type { Crystal } from '../../core/crystal';
import { formula, positionCount } from '../../core/crystal';
import { useViewStore } from '../view';
import { type CrystalRow, type SortKey, type TableOrder, tableView } from './table-view';

export type { CrystalRow };

const COLUMNS: readonly { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'source', label: 'Source' },
  { key: 'formula', label: 'Formula' },
  { key: 'sites', label: 'Sites', numeric: true },
  { key: 'a', label: 'a (Å)', numeric: true },
  { key: 'b', label: 'b (Å)', numeric: true },
  { key: 'c', label: 'c (Å)', numeric: true },
  { key: 'alpha', label: 'α (°)', numeric: true },
  { key: 'beta', label: 'β (°)', numeric: true },
  { key: 'gamma', label: 'γ (°)', numeric: true },
  { key: 'spaceGroup', label: 'Space group' },
  { key: 'warnings', label: 'Warnings', numeric: true },
];

const PAGE = 100;

const length = (x: number) => x.toFixed(3);
const angle = (x: number) => x.toFixed(2);

function SpaceGroup({ crystal }: { crystal: Crystal }) {
  const { declared, detected, detectedSymbol } = crystal.spaceGroup;
  return (
    <>
      {detected === undefined ? <span className="muted">not detected</span> : <>{detected} {detectedSymbol && <span className="symbol">{detectedSymbol}</span>}</>}
      {declared !== undefined && declared !== detected && <span className="muted"> (declared {declared})</span>}
    </>
  );
}

function Warnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return <span className="muted">0</span>;
  return (
    <span className="warning-count" title={warnings.join('\n')} tabIndex={0} aria-label={`${warnings.length} warnings: ${warnings.join('; ')}`}>
      {warnings.length}
    </span>
  );
}

export function CrystalTable({ rows }: { rows: readonly CrystalRow[] }) {
  const [shown, setShown] = useState(PAGE);
  const [query, setQuery] = useState('');
  const [order, setOrder] = useState<TableOrder | null>(null);
  const { crystal: focused, focusCrystal, show } = useViewStore();
  // Typing, sorting and new rows re-render in the background: a long table never blocks the page.
  const deferredQuery = useDeferredValue(query);
  const deferredRows = useDeferredValue(rows);
  const visible = useMemo(() => tableView(deferredRows, deferredQuery, order), [deferredRows, deferredQuery, order]);
  if (rows.length === 0) return null;
  const sortBy = (key: SortKey) => setOrder((o) => (o?.key === key ? (o.descending ? null : { key, descending: true }) : { key, descending: false }));
  const ariaSort = (key: SortKey) => (order?.key !== key ? 'none' : order.descending ? 'descending' : 'ascending');
  return (
    <div className="table-wrap">
      <div className="table-tools">
        <label htmlFor="crystal-filter">Filter</label>
        <input id="crystal-filter" type="search" value={query} placeholder="formula, element, space group, file…"
          onChange={(e) => setQuery(e.currentTarget.value)} data-testid="crystal-filter" />
        <span className="muted">{visible.length === rows.length ? `${rows.length} crystals` : `${visible.length} of ${rows.length} crystals`}</span>
      </div>
      <table className="crystal-table" data-testid="crystal-table">
        <caption>Crystals (select one to see its tensor and its cell)</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={ariaSort(c.key)}>
                <button type="button" className="sort" onClick={() => sortBy(c.key)}>
                  {c.label}
                  <span aria-hidden="true">{order?.key === c.key ? (order.descending ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </th>
            ))}
            <th scope="col"><span className="visually-hidden">Open</span></th>
          </tr>
        </thead>
        <tbody>
          {visible.slice(0, shown).map(({ index, source, crystal, warnings }) => {
            const { a, b, c, alpha, beta, gamma } = crystal.lattice;
            return (
              <tr key={index} aria-selected={index === focused} className={index === focused ? 'selected' : undefined} onClick={() => focusCrystal(index)}>
                <td className="source" title={source}>{source}</td>
                <td className="formula">{formula(crystal)}</td>
                {/* Species sharing a disordered position count once, as pymatgen counts sites. */}
                <td className="num">{positionCount(crystal)}</td>
                <td className="num">{length(a)}</td>
                <td className="num">{length(b)}</td>
                <td className="num">{length(c)}</td>
                <td className="num">{angle(alpha)}</td>
                <td className="num">{angle(beta)}</td>
                <td className="num">{angle(gamma)}</td>
                <td><SpaceGroup crystal={crystal} /></td>
                <td className="num"><Warnings warnings={warnings} /></td>
                <td className="row-actions">
                  <button type="button" className="button button--quiet" onClick={() => { focusCrystal(index); show('tensor'); }} aria-label={`Tensor of ${formula(crystal)}`}>Tensor</button>
                  <button type="button" className="button button--quiet" onClick={() => { focusCrystal(index); show('structure'); }} aria-label={`Cell of ${formula(crystal)}`}>3-D</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {visible.length > shown && (
        <button type="button" className="button" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, visible.length - shown)} more of {visible.length - shown} not shown
        </button>
      )}
    </div>
  );
}
