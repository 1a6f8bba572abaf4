import type { Copies, ReconstructionTrace } from '../../core/crystens/reconstruct';
import { NumberLine } from './NumberLine';
import { GLOBAL_QUANTITIES, globalCopies, lineDomain, type Quantity, fixed, spreadOfCopies } from './steps';

type CopiedQuantity = Exclude<Quantity, 'mask'>;

/** Narrowest interval each strip shows, so that identical copies sit on the mean instead of filling the strip. */
const MIN_WIDTH: Record<CopiedQuantity, number> = { Z: 2, coordinate: 0.05, length: 0.5, angle: 5, spaceGroup: 4 };

const ATOM_VALUES = [
  { key: 'Z', label: 'Z', quantity: 'Z' },
  { key: 'x', label: 'x', quantity: 'coordinate' },
  { key: 'y', label: 'y', quantity: 'coordinate' },
  { key: 'z', label: 'z', quantity: 'coordinate' },
] as const;

/** One value's copies as dots on a strip, with the mean as a rule and mean ± σ shaded, then mean ± σ in figures. */
function CopiesStrip({ copies, quantity, name, width, height }: { copies: Copies; quantity: CopiedQuantity; name: string; width: number; height: number }) {
  const spread = spreadOfCopies(copies);
  const band = [spread.mean - spread.sd, spread.mean + spread.sd] as const;
  return (
    <div className="copies">
      <NumberLine
        domain={lineDomain(copies.values, MIN_WIDTH[quantity], band)}
        points={copies.values.map((v, k) => ({ value: v, label: `copy ${k + 1}: ${fixed(v, quantity)}` }))}
        marks={[{ value: spread.mean, kind: 'mean', label: `mean ${fixed(spread.mean, quantity)}` }]}
        band={band}
        width={width}
        height={height}
        ariaLabel={`${copies.values.length} copies of ${name}, from ${fixed(spread.min, quantity)} to ${fixed(spread.max, quantity)}`}
      />
      <span className="copies__figures">
        {fixed(spread.mean, quantity)} <span className="muted">± {fixed(spread.sd, quantity)}</span>
      </span>
    </div>
  );
}

/** Step 2 (spec §4.2): every repeated value of the header, un-normalised, and the mean that replaces its copies. */
export function AveragingStep({ trace }: { trace: ReconstructionTrace }) {
  return (
    <div className="reconstruct-step">
      <p className="reconstruct-step__lead">
        Each atom's Z, x, y and z is written 8 times (both header strips, all four layers); the lattice and the space
        group 8A times. Un-normalised, each is replaced by the mean of its copies (rule; shaded: mean ± σ).
      </p>
      <div className="table-wrap">
        <table className="reconstruct-table">
          <caption>Cell ({trace.atomCount} atoms × 8 = {8 * trace.atomCount} copies each)</caption>
          <thead>
            <tr><th scope="col">Value</th><th scope="col">Copies, mean ± σ</th></tr>
          </thead>
          <tbody>
            {GLOBAL_QUANTITIES.map((g) => (
              <tr key={g.key}>
                <th scope="row">
                  {g.label}{g.unit && <span className="muted"> ({g.unit})</span>}
                  {g.key === 'spaceGroup' && <span className="muted"> → {trace.spaceGroupNumber}</span>}
                </th>
                <td><CopiesStrip copies={globalCopies(trace, g.key)} quantity={g.quantity} name={g.label} width={260} height={40} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap reconstruct-scroll">
        <table className="reconstruct-table">
          <caption>Atoms (8 copies each)</caption>
          <thead>
            <tr>
              <th scope="col">Atom</th>
              {ATOM_VALUES.map((v) => <th key={v.key} scope="col">{v.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {trace.atoms.map((atom, j) => (
              <tr key={j}>
                <th scope="row">{j + 1}</th>
                {ATOM_VALUES.map((v) => (
                  <td key={v.key}>
                    <CopiesStrip copies={atom[v.key]} quantity={v.quantity} name={`${v.label} of atom ${j + 1}`} width={100} height={26} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
