import { useState } from 'react';
import type { Crystal } from '../../core/crystal';
import { formula, positionCount } from '../../core/crystal';

export interface CrystalRow {
  readonly source: string;
  readonly crystal: Crystal;
  readonly warnings: readonly string[];
}

const PAGE = 500;

const length = (x: number) => x.toFixed(3);
const angle = (x: number) => x.toFixed(2);

function SpaceGroup({ crystal }: { crystal: Crystal }) {
  const { declared, detected, detectedSymbol } = crystal.spaceGroup;
  return (
    <>
      {detected === undefined ? <span className="muted">not detected</span> : <>{detected} {detectedSymbol && <span className="symbol">{detectedSymbol}</span>}</>}
      {declared !== undefined && declared !== detected && <span className="muted"> (declared {declared})</span>}
    </>
  );
}

function Warnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return <span className="muted">0</span>;
  return (
    <span className="warning-count" title={warnings.join('\n')} tabIndex={0} aria-label={`${warnings.length} warnings: ${warnings.join('; ')}`}>
      {warnings.length}
    </span>
  );
}

export function CrystalTable({ rows }: { rows: readonly CrystalRow[] }) {
  const [shown, setShown] = useState(PAGE);
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="crystal-table" data-testid="crystal-table">
        <caption>Crystals</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Formula</th>
            <th scope="col" className="num">Sites</th>
            <th scope="col" className="num">a (Å)</th>
            <th scope="col" className="num">b (Å)</th>
            <th scope="col" className="num">c (Å)</th>
            <th scope="col" className="num">α (°)</th>
            <th scope="col" className="num">β (°)</th>
            <th scope="col" className="num">γ (°)</th>
            <th scope="col">Space group</th>
            <th scope="col" className="num">Warnings</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map(({ source, crystal, warnings }, i) => {
            const { a, b, c, alpha, beta, gamma } = crystal.lattice;
            return (
              <tr key={`${i}:${source}`}>
                <td className="source" title={source}>{source}</td>
                <td className="formula">{formula(crystal)}</td>
                {/* Species sharing a disordered position count once, as pymatgen counts sites. */}
                <td className="num">{positionCount(crystal)}</td>
                <td className="num">{length(a)}</td>
                <td className="num">{length(b)}</td>
                <td className="num">{length(c)}</td>
                <td className="num">{angle(alpha)}</td>
                <td className="num">{angle(beta)}</td>
                <td className="num">{angle(gamma)}</td>
                <td><SpaceGroup crystal={crystal} /></td>
                <td className="num"><Warnings warnings={warnings} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > shown && (
        <button type="button" className="button" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, rows.length - shown)} more of {rows.length - shown} not shown
        </button>
      )}
    </div>
  );
}
