import { useSaveProblems } from './save-problems';

/** Tells the researcher what the studio is not keeping across a reload, and why (save-problems.ts). */
export function SaveProblemsNotice() {
  const { problems, dismiss } = useSaveProblems();
  if (problems.length === 0) return null;
  return (
    <div className="studio__save-problems" role="alert" data-testid="save-problems">
      <strong>Not saved in this browser:</strong>
      <ul>
        {problems.map((p) => (
          <li key={p.what}>
            {p.what}: {p.why}.
          </li>
        ))}
      </ul>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
