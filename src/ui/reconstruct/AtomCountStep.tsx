import { MAX_ATOMS } from '../../core/crystens/layout';
import { type AtomCount, fixed } from './steps';

const BAR = 11;
const HEIGHT = 120;
const TOP = 14;
const BOTTOM = 18;
const LEFT = 30;

/** Step 1 (spec §4.1): the mean of each slot's 8 mask copies, the 0.5 threshold, and the count A it gives. */
export function AtomCountStep({ count }: { count: AtomCount }) {
  const { maskMeans, atomCount: A, usedAngleFallback } = count;
  const top = Math.max(1, ...maskMeans);
  const bottom = Math.min(0, ...maskMeans);
  const y = (v: number) => TOP + ((top - v) / (top - bottom)) * (HEIGHT - TOP - BOTTOM);
  const width = LEFT + MAX_ATOMS * BAR + 4;
  const firstOut = maskMeans[A];

  return (
    <div className="reconstruct-step">
      <p className="reconstruct-step__lead">
        The reconstruction counts the atoms from the presence mask (header slot 11): A is the number of leading atom slots
        whose 8 mask copies average at least 0.5.
      </p>
      <svg className="mask-strip" width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img"
        aria-label={`Mean mask copy of each of the ${MAX_ATOMS} atom slots; ${A} slots lead at or above 0.5`}>
        {[0, 0.5, 1].map((v) => (
          <text key={v} className="mask-strip__scale" x={LEFT - 6} y={y(v) + 4} textAnchor="end">{v}</text>
        ))}
        <line className="mask-strip__base" x1={LEFT} x2={width} y1={y(0)} y2={y(0)} />
        {maskMeans.map((m, s) => (
          <rect key={s} className={s < A ? 'mask-strip__bar mask-strip__bar--atom' : 'mask-strip__bar'}
            x={LEFT + s * BAR + 1} width={BAR - 2} y={Math.min(y(m), y(0))} height={Math.max(0.5, Math.abs(y(m) - y(0)))}>
            <title>{`slot ${s + 1}: mean mask ${fixed(m, 'mask')}`}</title>
          </rect>
        ))}
        <line className="mask-strip__threshold" x1={LEFT} x2={width} y1={y(0.5)} y2={y(0.5)} />
        {A > 0 && (
          <g className="mask-strip__count">
            <line x1={LEFT + A * BAR} x2={LEFT + A * BAR} y1={2} y2={HEIGHT - BOTTOM + 4} />
            <text x={LEFT + A * BAR - 4} y={10} textAnchor="end">A = {A}</text>
          </g>
        )}
        {[1, 13, 26, 39, 52].map((s) => (
          <text key={s} className="mask-strip__scale" x={LEFT + (s - 0.5) * BAR} y={HEIGHT - 4} textAnchor="middle">{s}</text>
        ))}
      </svg>
      <p>
        <strong>A = {A}</strong>
        {A > 0 && <> — slot {A} averages {fixed(maskMeans[A - 1]!, 'mask')}</>}
        {firstOut !== undefined && <>{A > 0 ? ', ' : ' — '}slot {A + 1} averages {fixed(firstOut, 'mask')}</>}.
      </p>
      {usedAngleFallback && (
        <p className="reconstruct-note" data-testid="reconstruct-angle-fallback">
          Every slot's mask averages below 0.1, so this tensor carries no mask (another tool made it): A counts
          instead the leading slots whose α, β and γ copies are clearly present (above 9°).
        </p>
      )}
    </div>
  );
}
