import type { IngestEntry } from '../../core/ingest/types';

export type RefusedEntry = Extract<IngestEntry, { ok: false }>;

/** The importer's messages start with the source (for the CLI's flat output); the lists show it beside them. */
export function refusalReason(entry: RefusedEntry): string {
  const prefix = `${entry.source}: `;
  return entry.error.startsWith(prefix) ? entry.error.slice(prefix.length) : entry.error;
}

/** Entries that gave no crystal, each with where it came from and why. */
export function IngestErrors({ refused }: { refused: readonly RefusedEntry[] }) {
  if (refused.length === 0) return null;
  return (
    <section className="ingest-errors" aria-labelledby="ingest-errors-title" data-testid="ingest-errors">
      <h2 id="ingest-errors-title">Refused ({refused.length})</h2>
      <div role="alert">
        <ul>
          {refused.map((entry, i) => (
            <li key={`${i}:${entry.source}`}>
              <span className="source">{entry.source}</span>
              <span className="error">{refusalReason(entry)}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
