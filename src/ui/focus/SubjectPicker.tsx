import { useViewStore } from '../view';
import { CrystalPicker, SamplePicker } from './Pickers';

/** Real or generated, and which one: the header of the Tensor, Reconstruct and Structure panels. */
export function SubjectPicker({ only }: { only?: 'real' | 'generated' }) {
  const subject = useViewStore((s) => only ?? s.subject);
  const showSubject = useViewStore((s) => s.showSubject);
  return (
    <div className="subject-picker">
      {!only && (
        <div className="segmented" role="radiogroup" aria-label="Show">
          {(['real', 'generated'] as const).map((s) => (
            <button key={s} type="button" role="radio" aria-checked={subject === s} className="segmented__option" onClick={() => showSubject(s)} data-testid={`subject-${s}`}>
              {s === 'real' ? 'Real crystal' : 'Generated'}
            </button>
          ))}
        </div>
      )}
      {subject === 'real' ? <CrystalPicker /> : <SamplePicker />}
    </div>
  );
}
