import { DataPanel } from './data/DataPanel';

export function App() {
  return (
    <div className="studio">
      <header className="studio__bar">
        <span className="studio__name">CrysTens Studio</span>
        <span className="studio__tagline">generative models of crystal structures</span>
      </header>
      <main className="studio__main">
        <DataPanel />
      </main>
    </div>
  );
}
