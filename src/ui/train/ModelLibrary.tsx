import { useState } from 'react';
import type { ModelEntry } from '../../ml/engine/model-library';
import { fileStem } from '../download';
import { downloadModelZip } from '../export/model-download';
import { MODEL_NAMES } from '../format';
import { metricsLine } from './pretrained-view';
import { useTrainStore } from './store';
import { trainWorker } from './trainClient';
import { InlineConfirm } from '../InlineConfirm';
import './library.css';

/**
 * The model library: every model created, imported, taken from the pretrained list or duplicated, with its dataset,
 * steps and origin. One is open in this tab (trained, sampled, exported by the other panels); any can be opened,
 * renamed, duplicated to fine-tune apart, exported or deleted (after asking).
 */
export function ModelLibrary() {
  const library = useTrainStore((s) => s.library);
  return (
    <section className="model-library" aria-labelledby="library-title" data-testid="library">
      <h2 id="library-title">Model library</h2>
      {library.length === 0 ? (
        <p className="muted">Every model you create, import or start from a pretrained one is kept here, by name.</p>
      ) : (
        <ul className="card-list">
          {library.map((entry) => (
            <LibraryRow key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

function LibraryRow({ entry }: { entry: ModelEntry }) {
  const { currentId, phase, busy, openModel, renameModel, duplicateModel, deleteModel } = useTrainStore();
  const [renaming, setRenaming] = useState<string>();
  const [deleting, setDeleting] = useState(false);
  const [exportProblem, setExportProblem] = useState<string>();
  const open = entry.id === currentId;
  // Opening another model, or copying, replaces the tab's model in the worker: not while it trains.
  const idle = !busy && phase !== 'running';
  const exportZip = async () => {
    setExportProblem(undefined);
    try {
      await downloadModelZip(await trainWorker().modelFiles(entry.id), `${fileStem(entry.name)}-step-${entry.steps}.zip`);
    } catch (e) {
      setExportProblem(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <li className={open ? 'card-list__item model-library__model--open' : 'card-list__item'} data-testid="library-model" data-name={entry.name} data-open={open}>
      <div className="model-library__about">
        {renaming === undefined ? (
          <strong data-testid="library-name">{entry.name}</strong>
        ) : (
          <form
            className="model-library__rename"
            onSubmit={(e) => {
              e.preventDefault();
              setRenaming(undefined);
              void renameModel(entry.id, renaming);
            }}
          >
            <input aria-label={`New name for ${entry.name}`} value={renaming} onChange={(e) => setRenaming(e.currentTarget.value)} data-testid="library-name-input" autoFocus />
            <button type="submit" className="button button--quiet" disabled={renaming.trim() === ''} data-testid="library-name-save">
              Save
            </button>
            <button type="button" className="button button--quiet" onClick={() => setRenaming(undefined)}>
              Cancel
            </button>
          </form>
        )}
        {open && <span className="model-library__badge">open</span>}
        <br />
        <span className="muted">
          {MODEL_NAMES[entry.kind]}, {entry.preset} preset, step {entry.steps} · {entry.dataset} · {entry.origin}, {new Date(entry.createdAt).toLocaleString()}
        </span>
        {entry.metrics && (
          <>
            <br />
            <span className="model-library__metrics" data-testid="library-metrics">{metricsLine(entry.metrics, entry.metricsAt)}</span>
          </>
        )}
      </div>
      <div className="button-row">
        <button type="button" className="button button--quiet" disabled={open || !idle} onClick={() => void openModel(entry.id)} data-testid="library-open">
          Open
        </button>
        <button type="button" className="button button--quiet" onClick={() => setRenaming(entry.name)} data-testid="library-rename">
          Rename
        </button>
        <button type="button" className="button button--quiet" disabled={!idle} onClick={() => void duplicateModel(entry.id)} title="A copy to train on from here, apart from this one" data-testid="library-duplicate">
          Duplicate
        </button>
        <button type="button" className="button button--quiet" onClick={() => void exportZip()} data-testid="library-export">
          Export
        </button>
        <button type="button" className="button button--quiet" disabled={open} title={open ? 'Open another model before deleting this one' : undefined} onClick={() => setDeleting(true)} data-testid="library-delete">
          Delete
        </button>
      </div>
      {exportProblem && (
        <p className="failure" role="alert">
          {exportProblem}
        </p>
      )}
      {deleting && (
        <InlineConfirm
          title={`Delete ${entry.name}?`}
          action="Delete it"
          onConfirm={() => {
            setDeleting(false);
            void deleteModel(entry.id);
          }}
          onKeep={() => setDeleting(false)}
          testId="library-delete"
        >
          Delete {entry.name} (step {entry.steps}), its checkpoint and its curves? This cannot be undone: export it first to keep a copy.
        </InlineConfirm>
      )}
    </li>
  );
}
