import { useDataStore } from './store';

export function IngestProgress() {
  const phase = useDataStore((s) => s.phase);
  const { done, total } = useDataStore((s) => s.progress);
  if (phase !== 'reading' && phase !== 'ingesting') return null;
  const label = phase === 'reading' ? 'Reading files…' : `Ingesting: ${done} of ${total} files`;
  return (
    <div className="ingest-progress" role="status" data-testid="ingest-progress">
      <span>{label}</span>
      {/* No value while reading: the bar is indeterminate until the file count is known. */}
      <progress aria-label="Ingest progress" max={phase === 'ingesting' ? Math.max(total, 1) : undefined} value={phase === 'ingesting' ? done : undefined} />
    </div>
  );
}
