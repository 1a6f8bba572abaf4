import { useFocusedCrystal, useFocusedSample } from '../focus/focus';
import { SubjectPicker } from '../focus/SubjectPicker';
import { useViewStore } from '../view';
import { StructureView } from './StructureView';

/** The unit cell of the real crystal or the generated sample in focus, in 3-D. */
export function StructurePanel() {
  const subject = useViewStore((s) => s.subject);
  const real = useFocusedCrystal().crystal;
  const sample = useFocusedSample();
  const crystal = subject === 'real' ? real : sample?.decoded?.ok ? sample.decoded.crystal : undefined;
  return (
    <section className="panel" aria-labelledby="structure-title" data-testid="structure-panel">
      <header className="panel__header">
        <h1 id="structure-title">Structure</h1>
      </header>
      <SubjectPicker />
      {crystal ? (
        <StructureView crystal={crystal} />
      ) : (
        subject === 'generated' && sample?.decoded && !sample.decoded.ok && <p className="failure">This tensor gave no crystal: {sample.decoded.reason}</p>
      )}
    </section>
  );
}
