import { useMemo, useState } from 'react';
import { refusalReason } from './IngestErrors';
import { type SourcedRefusal, useDataStore, useIsBusy } from './store';
import type { DataSource } from './sources';
import { useTableStore } from './table-state';
import { InlineConfirm } from '../InlineConfirm';
import './sources.css';
import { plural } from '../format';

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * The loads the crystals came from, newest first: each can be shown alone in the table, kept out of training, or
 * removed (after asking); its refused entries are listed with it, with their reasons.
 */
export function SourceList() {
  const sources = useDataStore((s) => s.sources);
  const rows = useDataStore((s) => s.rows);
  const refused = useDataStore((s) => s.refused);
  const crystalCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.dataSource, (counts.get(row.dataSource) ?? 0) + 1);
    return counts;
  }, [rows]);
  if (sources.length === 0) return null;
  return (
    <section className="sources" aria-labelledby="sources-title" data-testid="sources">
      <h2 id="sources-title">Sources</h2>
      <ul className="card-list">
        {[...sources].reverse().map((source) => (
          <SourceItem key={source.id} source={source} crystals={crystalCounts.get(source.id) ?? 0} refused={refused.filter((r) => r.dataSource === source.id)} />
        ))}
      </ul>
    </section>
  );
}

function SourceItem({ source, crystals, refused }: { source: DataSource; crystals: number; refused: readonly SourcedRefusal[] }) {
  const { setExcluded, removeSource } = useDataStore.getState();
  const shown = useTableStore((s) => s.shownSource === source.id);
  const setShownSource = useTableStore((s) => s.setShownSource);
  const busy = useIsBusy();
  const [removing, setRemoving] = useState(false);
  return (
    <li className={source.excluded ? 'card-list__item sources__item--excluded' : 'card-list__item'} data-testid="source" data-name={source.name}>
      <div>
        <strong className="sources__name">{source.name}</strong>
        <span className="muted" data-testid="source-counts">
          {' '}
          {plural(crystals, 'crystal')}
          {refused.length > 0 && `, ${plural(refused.length, 'refused entry', 'refused entries')}`} · added {time(source.added)}
          {source.excluded && ' · kept out of training'}
        </span>
      </div>
      <div className="button-row">
        <label className="sources__train">
          <input type="checkbox" checked={!source.excluded} onChange={(e) => setExcluded(source.id, !e.currentTarget.checked)} data-testid="source-train" />
          Train on it
        </label>
        <button type="button" className="button button--quiet" aria-pressed={shown} onClick={() => setShownSource(shown ? undefined : source.id)} data-testid="source-show">
          {shown ? 'Show all' : 'Show only these'}
        </button>
        <button type="button" className="button button--quiet" disabled={busy} onClick={() => setRemoving(true)} data-testid="source-remove">
          Remove
        </button>
      </div>
      {refused.length > 0 && (
        <details className="sources__refused">
          <summary>Why {plural(refused.length, 'entry was', 'entries were')} refused</summary>
          <ul>
            {refused.slice(0, 200).map((entry, i) => (
              <li key={`${i}:${entry.source}`}>
                <span className="source">{entry.source}</span> {refusalReason(entry)}
              </li>
            ))}
            {refused.length > 200 && <li>… and {refused.length - 200} more (all in the Refused list below)</li>}
          </ul>
        </details>
      )}
      {removing && (
        <InlineConfirm
          title={`Remove ${source.name}?`}
          action="Remove it"
          onConfirm={() => {
            setRemoving(false);
            removeSource(source.id);
          }}
          onKeep={() => setRemoving(false)}
          testId="source-remove"
        >
          Remove {source.name}: its {plural(crystals, 'crystal')} leave the table, the training set and the comparisons. The files on your disk are not
          touched.
        </InlineConfirm>
      )}
    </li>
  );
}
