import { type ComponentType, type KeyboardEvent, lazy, Suspense, useEffect, useRef } from 'react';
import { DataPanel } from './data/DataPanel';
import { dataRestored, useDataStore } from './data/store';
import { generateRestored } from './generate/store';
import { SaveProblemsNotice } from './SaveProblemsNotice';
import { trainRestored, useTrainStore } from './train/store';
import { type Panel, PANELS, useViewStore, viewRestored } from './view';

// Panels beyond Data load on first visit: three.js and recharts stay out of the first paint.
const TensorPanel = lazy(() => import('./tensor/TensorPanel').then((m) => ({ default: m.TensorPanel })));
const TrainPanel = lazy(() => import('./train/TrainPanel').then((m) => ({ default: m.TrainPanel })));
const GeneratePanel = lazy(() => import('./generate/GeneratePanel').then((m) => ({ default: m.GeneratePanel })));
const ReconstructPanel = lazy(() => import('./reconstruct/ReconstructPanel').then((m) => ({ default: m.ReconstructPanel })));
const StructurePanel = lazy(() => import('./structure/StructurePanel').then((m) => ({ default: m.StructurePanel })));
const ComparePanel = lazy(() => import('./compare/ComparePanel').then((m) => ({ default: m.ComparePanel })));
const ExportPanel = lazy(() => import('./export/ExportPanel').then((m) => ({ default: m.ExportPanel })));

const TITLES: Readonly<Record<Panel, string>> = {
  data: 'Data',
  tensor: 'Tensor',
  train: 'Train',
  generate: 'Generate',
  reconstruct: 'Reconstruct',
  structure: 'Structure',
  compare: 'Compare',
  export: 'Export',
};

const CONTENT: Readonly<Record<Panel, ComponentType>> = {
  data: DataPanel,
  tensor: TensorPanel,
  train: TrainPanel,
  generate: GeneratePanel,
  reconstruct: ReconstructPanel,
  structure: StructurePanel,
  compare: ComparePanel,
  export: ExportPanel,
};

/** Everything saved in IndexedDB is back, and the training worker has found its last checkpoint. */
const studioRestored = Promise.all([dataRestored, trainRestored, generateRestored, viewRestored]);

function Tabs() {
  const { panel, show } = useViewStore();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); the focused tab opens its panel.
  const onKeyDown = (e: KeyboardEvent) => {
    const i = PANELS.indexOf(panel);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: PANELS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const target = PANELS[(next + PANELS.length) % PANELS.length]!;
    show(target);
    tabs.current[PANELS.indexOf(target)]?.focus();
  };
  return (
    <nav className="studio__tabs" role="tablist" aria-label="Studio panels" onKeyDown={onKeyDown}>
      {PANELS.map((p, i) => (
        <button
          key={p}
          ref={(el) => void (tabs.current[i] = el)}
          type="button"
          role="tab"
          id={`tab-${p}`}
          aria-selected={p === panel}
          aria-controls="studio-panel"
          tabIndex={p === panel ? 0 : -1}
          className="studio__tab"
          onClick={() => show(p)}
          data-testid={`tab-${p}`}
        >
          {TITLES[p]}
        </button>
      ))}
    </nav>
  );
}

function StatusLine() {
  const crystals = useDataStore((s) => s.crystals.length);
  const model = useTrainStore((s) => s.model);
  const backend = useTrainStore((s) => s.backend?.backend);
  const phase = useTrainStore((s) => s.phase);
  return (
    <span className="studio__status" data-testid="studio-status">
      {crystals} crystals
      {model && ` · ${model.config.kind} at step ${model.step}${phase === 'running' ? ' (training)' : ''}`}
      {backend && ` · ${backend}`}
    </span>
  );
}

export function App() {
  const panel = useViewStore((s) => s.panel);
  const Content = CONTENT[panel];
  const init = useTrainStore((s) => s.init);
  useEffect(() => {
    void studioRestored.then(init);
  }, [init]);
  return (
    <div className="studio">
      <header className="studio__bar">
        <span className="studio__name">CrysTens Studio</span>
        <span className="studio__tagline">generative models of crystal structures, in your browser</span>
        <StatusLine />
      </header>
      <SaveProblemsNotice />
      <Tabs />
      <main className="studio__main" id="studio-panel" role="tabpanel" aria-labelledby={`tab-${panel}`}>
        <Suspense fallback={<p className="muted">Loading the {TITLES[panel]} panel…</p>}>
          <Content />
        </Suspense>
      </main>
    </div>
  );
}
