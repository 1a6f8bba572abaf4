import { useId, useState } from 'react';
import { Comlink, inCrystalWorker } from '../crystalClient';
import { useDataStore } from '../data/store';
import { download, fileStem } from '../download';
import { useGenerateStore } from '../generate/store';
import { useTrainStore } from '../train/store';
import { trainWorker } from '../train/trainClient';
import { useViewStore } from '../view';
import { downloadModelZip } from './model-download';
import './export.css';

type Job = { readonly label: string; readonly run: () => Promise<void> };

/** Generated crystals as CIFs, tensors and the dataset as .npy, and the model's files (export and import). */
export function ExportPanel() {
  const runs = useGenerateStore((s) => s.runs);
  const focused = useViewStore((s) => s.run);
  const crystals = useDataStore((s) => s.crystals);
  const model = useTrainStore((s) => s.model);
  const adoptModel = useTrainStore((s) => s.adoptModel);
  const [runId, setRunId] = useState<string | undefined>();
  const [status, setStatus] = useState<{ text: string; failed?: boolean }>();
  const [working, setWorking] = useState(false);
  const ids = { run: useId(), model: useId() };
  const run = runs.find((r) => r.id === (runId ?? focused)) ?? runs.at(-1);

  async function perform(job: Job) {
    setWorking(true);
    setStatus({ text: `${job.label}…` });
    try {
      await job.run();
      setStatus({ text: `${job.label}: done` });
    } catch (e) {
      setStatus({ text: `${job.label} failed: ${e instanceof Error ? e.message : String(e)}`, failed: true });
    } finally {
      setWorking(false);
    }
  }

  const stem = run ? fileStem(run.label) : '';
  return (
    <section className="panel" aria-labelledby="export-title" data-testid="export-panel">
      <header className="panel__header">
        <h1 id="export-title">Export</h1>
        <p className="summary">Files are written by your browser; nothing is uploaded.</p>
      </header>
      <div className="export-grid">
        <article className="export-card">
          <h2>Generated crystals</h2>
          {run ? (
            <>
              <label htmlFor={ids.run}>Run</label>
              <select id={ids.run} value={run.id} onChange={(e) => setRunId(e.currentTarget.value)}>
                {runs.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label} ({r.decoded.filter((d) => d.ok).length} crystals)
                  </option>
                ))}
              </select>
              <div className="button-row">
                <button type="button" className="button" disabled={working || run.decoded.length === 0} data-testid="export-cif-zip"
                  onClick={() => void perform({ label: 'CIF zip', run: async () => download(`${stem}.zip`, await inCrystalWorker((api) => api.generatedZip(run.decoded, run.label)), 'application/zip') })}>
                  CIFs + summary.csv (.zip)
                </button>
                <button type="button" className="button button--quiet" disabled={working || run.tensors.length === 0} data-testid="export-samples-npy"
                  onClick={() => void perform({ label: 'Samples .npy', run: async () => download(`${stem}.npy`, await inCrystalWorker((api) => api.tensorsNpy(run.tensors))) })}>
                  Tensors (.npy)
                </button>
              </div>
            </>
          ) : (
            <p className="muted">Generate crystals first (Generate panel).</p>
          )}
        </article>
        <article className="export-card">
          <h2>Dataset</h2>
          <p className="muted">{crystals.length} crystals, encoded as CrysTens with their normalisation bounds (what <code>crystens encode</code> writes).</p>
          <button type="button" className="button button--quiet" disabled={working || crystals.length === 0} data-testid="export-dataset"
            onClick={() => void perform({ label: 'Dataset', run: async () => download('dataset.zip', await inCrystalWorker((api) => api.datasetZip(crystals)), 'application/zip') })}>
            dataset.npy + dataset.json (.zip)
          </button>
        </article>
        <article className="export-card">
          <h2>Model</h2>
          <p className="muted">{model ? `${model.config.kind} (${model.config.preset}) at step ${model.step}, tfjs format with its config and normalisation bounds.` : 'No model yet.'}</p>
          <div className="button-row">
            <button type="button" className="button button--quiet" disabled={working || !model} data-testid="export-model"
              onClick={() => void perform({ label: 'Model', run: async () => downloadModelZip(await trainWorker().exportModel(), `model-${model!.config.kind}-step-${model!.step}.zip`) })}>
              model.json + weights.bin (.zip)
            </button>
            <label className="button button--quiet" htmlFor={ids.model}>
              Import a model…
            </label>
            <input id={ids.model} className="visually-hidden" type="file" accept=".zip" data-testid="export-import-model"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (file) void perform({ label: `Importing ${file.name}`, run: async () => {
                  const bytes = new Uint8Array(await file.arrayBuffer());
                  const files = await inCrystalWorker((api) => api.readModelZip(Comlink.transfer(bytes, [bytes.buffer])));
                  await adoptModel(await trainWorker().importModel(Comlink.transfer(files, [files.weights.buffer as ArrayBuffer]), file.name));
                } });
              }} />
          </div>
        </article>
      </div>
      {status && (
        <p className={status.failed ? 'failure' : 'muted'} role={status.failed ? 'alert' : 'status'} data-testid="export-status">
          {status.text}
        </p>
      )}
    </section>
  );
}
