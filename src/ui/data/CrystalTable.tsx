import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Crystal } from '../../core/crystal';
import { useViewStore } from '../view';
import { useTableStore } from './table-state';
import { type CrystalRow, nextOrder, type SortKey, type TableOrder, tableViewSteps } from './table-view';
import { runInSlices } from './time-slices';
import { rowWindow, scrollTopShowing, type Viewport } from './virtual-window';

const COLUMNS: readonly { key: SortKey; label: string; numeric?: boolean; width?: string }[] = [
  // Source and formula share what the fixed columns leave; their text is cut with an ellipsis (and a title).
  { key: 'source', label: 'Source' },
  { key: 'formula', label: 'Formula' },
  { key: 'sites', label: 'Sites', numeric: true, width: '4rem' },
  { key: 'a', label: 'a (Å)', numeric: true, width: '4.8rem' },
  { key: 'b', label: 'b (Å)', numeric: true, width: '4.8rem' },
  { key: 'c', label: 'c (Å)', numeric: true, width: '4.8rem' },
  { key: 'alpha', label: 'α (°)', numeric: true, width: '4.4rem' },
  { key: 'beta', label: 'β (°)', numeric: true, width: '4.4rem' },
  { key: 'gamma', label: 'γ (°)', numeric: true, width: '4.4rem' },
  { key: 'spaceGroup', label: 'Space group', width: '8.5rem' },
  { key: 'warnings', label: 'Warnings', numeric: true, width: '6.2rem' },
];
const ACTIONS_WIDTH = '8rem';

/** Every body row's height (px): the table draws only the rows in view, placed by arithmetic. */
const ROW_HEIGHT = 34;
/** Rows drawn beyond each edge of the viewport, so that a fast scroll or a Tab into them finds them there. */
const MARGIN = 10;

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

/** One row, drawn again only when it or its selection changes: a scroll by a few rows draws just those entering. */
const CrystalTableRow = memo(function CrystalTableRow({ row, position, selected }: { row: CrystalRow; position: number; selected: boolean }) {
  const focusCrystal = useViewStore((s) => s.focusCrystal);
  const show = useViewStore((s) => s.show);
  const { index, source, crystal, warnings, formula } = row;
  const { a, b, c, alpha, beta, gamma } = crystal.lattice;
  return (
    <tr aria-rowindex={position + 2} aria-selected={selected} className={selected ? 'selected' : undefined} style={{ height: ROW_HEIGHT }} onClick={() => focusCrystal(index)}>
      <td className="source" title={source}>{source}</td>
      <td className="formula" title={formula}>{formula}</td>
      <td className="num">{row.sites}</td>
      <td className="num">{length(a)}</td>
      <td className="num">{length(b)}</td>
      <td className="num">{length(c)}</td>
      <td className="num">{angle(alpha)}</td>
      <td className="num">{angle(beta)}</td>
      <td className="num">{angle(gamma)}</td>
      <td className="space-group"><SpaceGroup crystal={crystal} /></td>
      <td className="num"><Warnings warnings={warnings} /></td>
      <td className="row-actions">
        <button type="button" className="button button--quiet" onClick={() => { focusCrystal(index); show('tensor'); }} aria-label={`Tensor of ${formula}`}>Tensor</button>
        <button type="button" className="button button--quiet" onClick={() => { focusCrystal(index); show('structure'); }} aria-label={`Cell of ${formula}`}>3-D</button>
      </td>
    </tr>
  );
});

/**
 * The rows filtered and sorted, computed in time slices off the render and kept in the table's store (a return to
 * the panel finds them); until a new view is ready the last one stays (`pending` says so). Without a filter or an
 * order the rows are their own view, at once.
 */
function useTableView(rows: readonly CrystalRow[], query: string, order: TableOrder | null): { view: readonly CrystalRow[]; pending: boolean } {
  const plain = query.trim() === '' && order === null;
  const computed = useTableStore((s) => s.computed);
  const current = computed?.rows === rows && computed.query === query && computed.order === order;
  useEffect(() => {
    if (plain || current) return;
    const abort = new AbortController();
    void runInSlices(tableViewSteps(rows, query, order), abort.signal).then(
      (view) => useTableStore.getState().setComputed({ rows, query, order, view }),
      (error: unknown) => {
        if (!abort.signal.aborted) throw error;
      },
    );
    return () => abort.abort();
  }, [rows, query, order, plain, current]);
  if (plain) return { view: rows, pending: false };
  return { view: computed?.view ?? rows, pending: !current };
}

export function CrystalTable({ rows }: { rows: readonly CrystalRow[] }) {
  const query = useTableStore((s) => s.query);
  const order = useTableStore((s) => s.order);
  const { setQuery, setOrder, setScrollTop } = useTableStore.getState();
  const focused = useViewStore((s) => s.crystal);
  const { view, pending } = useTableView(rows, query, order);
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const [viewport, setViewport] = useState<Viewport>(() => ({ scrollTop: useTableStore.getState().scrollTop, height: 600, rowsTop: 0 }));
  const hasRows = rows.length > 0;

  const measure = (scrollTop: number): Viewport | undefined => {
    const box = scroller.current;
    const rowsStart = body.current;
    if (!box || !rowsStart) return undefined;
    const rowsTop = rowsStart.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    return { scrollTop, height: box.clientHeight, rowsTop };
  };

  // On arrival: where the table was left, moved (as little as needed) to show the crystal in focus.
  useLayoutEffect(() => {
    const box = scroller.current;
    const measured = measure(useTableStore.getState().scrollTop);
    if (!box || !measured) return;
    const position = view.findIndex((row) => row.index === useViewStore.getState().crystal);
    const scrollTop = position < 0 ? measured.scrollTop : scrollTopShowing(measured, position, ROW_HEIGHT, head.current?.offsetHeight ?? 0);
    box.scrollTop = scrollTop;
    setViewport({ ...measured, scrollTop: box.scrollTop });
    const resized = new ResizeObserver(() => {
      const now = measure(box.scrollTop);
      if (now) setViewport(now);
    });
    resized.observe(box);
    return () => resized.disconnect();
    // Once per visit (and when the table first gets rows): later the scroll position is the researcher's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hasRows]);

  const onScroll = () => {
    const box = scroller.current;
    if (!box) return;
    setScrollTop(box.scrollTop);
    setViewport((v) => ({ ...v, scrollTop: box.scrollTop }));
  };

  /** A new filter or order starts at the top of its rows. */
  const toTop = () => {
    if (scroller.current) scroller.current.scrollTop = 0;
  };

  const { first, end, before, after } = rowWindow(viewport, view.length, ROW_HEIGHT, MARGIN);
  if (!hasRows) return null;
  const sortBy = (key: SortKey) => {
    setOrder(nextOrder(order, key));
    toTop();
  };
  const ariaSort = (key: SortKey) => (order?.key !== key ? 'none' : order.descending ? 'descending' : 'ascending');
  const spacer = (height: number, name: string) =>
    height > 0 && (
      <tr className="spacer" aria-hidden="true" data-testid={name} style={{ height }}>
        <td colSpan={COLUMNS.length + 1} />
      </tr>
    );
  return (
    <div className="table-wrap">
      <div className="table-tools">
        <label htmlFor="crystal-filter">Filter</label>
        <input id="crystal-filter" type="search" value={query} placeholder="formula, element, space group, file…"
          onChange={(e) => { setQuery(e.currentTarget.value); toTop(); }} data-testid="crystal-filter" />
        <span className="muted" data-testid="crystal-count" aria-live="polite">
          {pending ? 'sorting and filtering…' : view.length === rows.length ? `${rows.length} crystals` : `${view.length} of ${rows.length} crystals`}
        </span>
      </div>
      <div className="table-scroll" ref={scroller} onScroll={onScroll} tabIndex={0} role="region" aria-label="Crystals, scrollable" data-testid="crystal-scroll">
        <table className="crystal-table" data-testid="crystal-table" aria-rowcount={view.length + 1}>
          <caption>Crystals (select one to see its tensor and its cell)</caption>
          <colgroup>
            {COLUMNS.map((c) => <col key={c.key} style={c.width ? { width: c.width } : undefined} />)}
            <col style={{ width: ACTIONS_WIDTH }} />
          </colgroup>
          <thead ref={head}>
            <tr aria-rowindex={1}>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={ariaSort(c.key)}>
                  <button type="button" className="sort" onClick={() => sortBy(c.key)}>
                    {c.label}
                    <span aria-hidden="true">{order?.key === c.key ? (order.descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                </th>
              ))}
              <th scope="col" className="row-actions"><span className="visually-hidden">Open</span></th>
            </tr>
          </thead>
          <tbody ref={body}>
            {spacer(before, 'rows-above')}
            {view.slice(first, end).map((row, i) => (
              <CrystalTableRow key={row.index} row={row} position={first + i} selected={row.index === focused} />
            ))}
            {spacer(after, 'rows-below')}
          </tbody>
        </table>
      </div>
    </div>
  );
}
