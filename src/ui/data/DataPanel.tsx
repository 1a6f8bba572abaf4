import { useMemo } from 'react';
import { EXAMPLE_DATASET_DESCRIPTION, EXAMPLE_DATASET_NAME } from '../../core/prototypes/dataset';
import { CrystalTable } from './CrystalTable';
import { DropZone } from './DropZone';
import { IngestErrors } from './IngestErrors';
import { IngestProgress } from './IngestProgress';
import { SourceList } from './SourceList';
import { useDataStore, useIsBusy } from './store';
import { useTableStore } from './table-state';
import { plural } from '../format';

export function DataPanel() {
  const rows = useDataStore((s) => s.rows);
  const refused = useDataStore((s) => s.refused);
  const fileCount = useDataStore((s) => s.fileCount);
  const failure = useDataStore((s) => s.failure);
  const clear = useDataStore((s) => s.clear);
  const loadExample = useDataStore((s) => s.loadExample);
  const hasExample = useDataStore((s) => s.hasExample);
  const busy = useIsBusy();
  const loaded = rows.length + refused.length > 0;
  const sources = useDataStore((s) => s.sources);
  // A source shown alone that was removed (or cleared away) shows every row again.
  const shownSource = useTableStore((s) => s.shownSource);
  const shownRows = useMemo(() => (sources.some((s) => s.id === shownSource) ? rows.filter((r) => r.dataSource === shownSource) : rows), [rows, sources, shownSource]);

  return (
    <section className="panel" aria-labelledby="data-title" data-testid="data-panel">
      <header className="panel__header">
        <h1 id="data-title">Data</h1>
        {loaded && (
          <p className="summary" data-testid="ingest-summary">
            {plural(rows.length, 'crystal')}, {plural(refused.length, 'refused entry', 'refused entries')}
            {fileCount > 0 && ` from ${plural(fileCount, 'file')}`}
          </p>
        )}
        {loaded && (
          <button type="button" className="button button--quiet" onClick={clear} disabled={busy}>
            Clear
          </button>
        )}
      </header>
      <DropZone />
      {hasExample ? (
        <p className="example-note" data-testid="example-note">
          <strong>{EXAMPLE_DATASET_NAME}.</strong> {EXAMPLE_DATASET_DESCRIPTION}
        </p>
      ) : (
        <p className="example-offer">
          New here?{' '}
          <button type="button" className="button button--quiet" onClick={() => void loadExample()} disabled={busy} data-testid="load-example">
            Load the example dataset
          </button>{' '}
          <span className="muted">structure prototypes built in the studio, labelled as such</span>
        </p>
      )}
      <IngestProgress />
      {failure && (
        <p className="failure" role="alert" data-testid="ingest-failure">
          Loading failed: {failure}
        </p>
      )}
      <SourceList />
      <CrystalTable rows={shownRows} />
      <IngestErrors refused={refused} />
    </section>
  );
}
