import { useId, useState } from 'react';
import type { ReconstructionTrace } from '../../core/crystens/reconstruct';
import { NumberLine } from './NumberLine';
import { fixed, lineDomain, orderedColour, voteDisagreement, votesFor } from './steps';

/** Narrowest window around the votes, so that a clean tensor's coinciding votes read as one spot. */
const MIN_WINDOW = 0.02;

/** Step 4 (spec §4.4, paper Fig. 3): every atom's vote for the position of the selected atom, and their mean. */
export function VotingStep({ trace }: { trace: ReconstructionTrace }) {
  const [chosen, setChosen] = useState(0);
  const selectId = useId();
  const A = trace.atomCount;
  const j = Math.min(chosen, A - 1);
  const axes = votesFor(trace, j);
  const disagreement = voteDisagreement(trace);
  const voterColour = (i: number) => orderedColour(i, A);

  return (
    <div className="reconstruct-step">
      <p className="reconstruct-step__lead">
        Atom i votes for atom j at p<sub>ij</sub> = f<sub>i</sub> − D<sub>ij</sub>: its own coordinate minus the
        symmetrised difference. Atom j's own vote is its header coordinate. The position kept is the mean of the {A} votes.
      </p>
      <div className="field vote-atom">
        <label htmlFor={selectId}>Atom</label>
        <select id={selectId} value={j} onChange={(e) => setChosen(Number(e.target.value))}>
          {Array.from({ length: A }, (_, i) => (
            <option key={i} value={i}>
              {i + 1} — votes spread {fixed(disagreement[i]!, 'coordinate')}
            </option>
          ))}
        </select>
      </div>
      <div className="vote-plots" data-testid="reconstruct-votes">
        {axes.map((a) => (
          <div key={a.axis} className="vote-plots__axis">
            <span className="vote-plots__name">{a.axis}</span>
            <NumberLine
              domain={lineDomain(a.votes, MIN_WINDOW, [a.voted, a.header])}
              points={a.votes.map((v, i) => ({
                value: v,
                colour: voterColour(i),
                emphasis: i === j,
                label: `${i === j ? `atom ${j + 1}'s own coordinate` : `atom ${i + 1}'s vote`}: ${fixed(v, 'coordinate')}`,
              }))}
              marks={[
                { value: a.header, kind: 'reference', label: `header ${a.axis}: ${fixed(a.header, 'coordinate')}` },
                { value: a.voted, kind: 'mean', label: `voted ${a.axis}: ${fixed(a.voted, 'coordinate')}` },
              ]}
              width={480}
              height={64}
              ticks={6}
              ariaLabel={`${A} votes for ${a.axis} of atom ${j + 1}: mean ${fixed(a.voted, 'coordinate')}, header ${fixed(a.header, 'coordinate')}, spread ${fixed(a.spread.sd, 'coordinate')}`}
            />
            <span className="vote-plots__figures">
              {fixed(a.voted, 'coordinate')} <span className="muted">± {fixed(a.spread.sd, 'coordinate')}</span>
            </span>
          </div>
        ))}
      </div>
      <ul className="legend" aria-label="Legend">
        <li><span className="legend__dot" style={{ background: voterColour(0) }} /> vote of atom i (colour: 1 … {A})</li>
        <li><span className="legend__dot legend__dot--emphasis" style={{ background: voterColour(j) }} /> atom {j + 1}'s own coordinate</li>
        <li><span className="legend__rule" /> voted mean</li>
        <li><span className="legend__rule legend__rule--reference" /> header coordinate</li>
      </ul>
      <div className="table-wrap reconstruct-scroll">
        <table className="reconstruct-table reconstruct-table--numbers">
          <caption>Votes for atom {j + 1}</caption>
          <thead>
            <tr>
              <th scope="col">Voter</th>
              {axes.map((a) => <th key={a.axis} scope="col" className="num">{a.axis}</th>)}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: A }, (_, i) => (
              <tr key={i} className={i === j ? 'is-own' : undefined}>
                <th scope="row">
                  <span className="legend__dot" style={{ background: voterColour(i) }} aria-hidden="true" /> atom {i + 1}
                  {i === j && <span className="muted"> (own coordinate)</span>}
                </th>
                {axes.map((a) => <td key={a.axis} className="num">{fixed(a.votes[i]!, 'coordinate')}</td>)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Mean (voted)</th>
              {axes.map((a) => <td key={a.axis} className="num">{fixed(a.voted, 'coordinate')}</td>)}
            </tr>
            <tr>
              <th scope="row">Header</th>
              {axes.map((a) => <td key={a.axis} className="num">{fixed(a.header, 'coordinate')}</td>)}
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
