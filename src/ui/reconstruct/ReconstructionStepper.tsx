import { type KeyboardEvent, type ReactNode, useEffect, useEffectEvent, useState } from 'react';
import type { DecodedTensor } from '../../core/crystens/decode';
import type { Reconstruction } from '../../core/crystens/reconstruct';
import { AtomCountStep } from './AtomCountStep';
import { AveragingStep } from './AveragingStep';
import { ClusteringStep } from './ClusteringStep';
import { CrystalStep } from './CrystalStep';
import { type PlaybackAction, playback, startPlayback } from './playback';
import { atomCountOf, availableSteps, type StepId, STEPS } from './steps';
import { SymmetrisationStep } from './SymmetrisationStep';
import { VotingStep } from './VotingStep';
import './reconstruct.css';

/** Time each step stays on screen while playing. */
const PLAY_INTERVAL_MS = 1500;

export interface ReconstructionStepperProps {
  readonly reconstruction: Reconstruction;
  /** What the reconstruction decoded to (decode.ts: with the detected space group and validity): the last step. */
  readonly decoded: DecodedTensor;
  /**
   * The tensor it came from. Only needed for a reconstruction that stopped before it had a trace (no atoms): the
   * atom count is then recounted from it, so that step 1 shows why.
   */
  readonly tensor?: ArrayLike<number>;
}

/** Keys typed into these belong to them, not to the stepper. */
const OWN_KEYS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/**
 * The reconstruction of one tensor step by step, as the paper's §3.2 and Fig. 3 describe it: previous, next and
 * play, a clickable step indicator, and ← / → while the stepper has focus. A failed reconstruction shows its
 * reason and the steps it reached.
 */
export function ReconstructionStepper({ reconstruction, decoded, tensor }: ReconstructionStepperProps) {
  const available = availableSteps(reconstruction, tensor);
  const [shown, setShown] = useState(() => ({ reconstruction, playback: startPlayback(available) }));
  // A new reconstruction starts again, paused, at its first step (state adjusted while rendering, as React advises).
  const current = shown.reconstruction === reconstruction ? shown.playback : startPlayback(available);
  if (current !== shown.playback) setShown({ reconstruction, playback: current });
  const { step, playing } = current;
  const position = available.indexOf(step);
  // Updates go through the latest state, so that key presses faster than renders all count.
  const dispatch = (action: PlaybackAction) =>
    setShown((s) => ({ reconstruction, playback: playback(available, s.playback, action) }));

  // One timer per step shown: re-renders within a step (a hover, say) do not restart it.
  const tick = useEffectEvent(() => dispatch({ type: 'tick' }));
  useEffect(() => {
    if (!playing) return;
    const timer = setTimeout(tick, PLAY_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [playing, step, reconstruction]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented || OWN_KEYS.has((event.target as HTMLElement).tagName)) return;
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    dispatch({ type: 'go', offset: event.key === 'ArrowLeft' ? -1 : 1 });
  };

  const number = STEPS.findIndex((s) => s.id === step) + 1;
  const title = STEPS[number - 1]!.title;
  const trace = reconstruction.trace;
  const count = atomCountOf(reconstruction, tensor);
  const views: Record<StepId, () => ReactNode> = {
    count: () => count && <AtomCountStep count={count} />,
    average: () => trace && <AveragingStep trace={trace} />,
    symmetrise: () => trace && <SymmetrisationStep trace={trace} />,
    vote: () => trace && <VotingStep trace={trace} />,
    cluster: () => trace && <ClusteringStep trace={trace} />,
    crystal: () => <CrystalStep decoded={decoded} siteAtoms={reconstruction.ok ? reconstruction.siteAtoms : undefined} />,
  };

  return (
    <section
      className="stepper"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label="Reconstruction, step by step (left and right arrow keys change the step)"
      data-testid="reconstruct-stepper"
    >
      {!reconstruction.ok && (
        <p className="failure" data-testid="reconstruct-failure">
          The reconstruction stopped: {reconstruction.reason}.{' '}
          {available.length > 1 ? 'The steps it reached are shown.' : 'It reached none of the steps.'}
        </p>
      )}
      <ol className="stepper__steps" aria-label="Steps">
        {STEPS.map((s, i) => {
          const reached = available.includes(s.id);
          return (
            <li key={s.id}>
              <button
                type="button"
                className="stepper__step"
                aria-current={s.id === step ? 'step' : undefined}
                disabled={!reached}
                title={reached ? undefined : 'not reached'}
                onClick={() => dispatch({ type: 'show', step: s.id })}
              >
                <span className="stepper__number">{i + 1}</span> {s.title}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="stepper__bar">
        <h3 className="stepper__title" aria-live="polite" data-testid="reconstruct-step-title">
          <span className="muted">{number} of {STEPS.length}</span> {title}
        </h3>
        <div className="button-row">
          <button type="button" className="button button--quiet" onClick={() => dispatch({ type: 'go', offset: -1 })} disabled={position === 0} data-testid="reconstruct-prev">
            ← Previous
          </button>
          <button type="button" className="button" onClick={() => dispatch({ type: 'toggle' })} disabled={available.length < 2} data-testid="reconstruct-play">
            {playing ? 'Pause' : 'Play'}
          </button>
          <button type="button" className="button button--quiet" onClick={() => dispatch({ type: 'go', offset: 1 })} disabled={position === available.length - 1} data-testid="reconstruct-next">
            Next →
          </button>
        </div>
      </div>
      {views[step]()}
    </section>
  );
}
