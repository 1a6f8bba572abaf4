import type { DecodedTensor } from '../../core/crystens/decode';
import { volume } from '../../core/lattice';
import { fixed } from './steps';
import { formulaText } from '../formula-text';

/**
 * Step 6 (spec §4.6): the crystal written from the steps before — the decoded sample itself, as the gallery, the
 * 3-D view and the export have it — or why there is none. Each site is labelled as its exported CIF labels it,
 * beside the atom (numbered as in the steps before) it came from.
 */
export function CrystalStep({ decoded, siteAtoms }: { decoded: DecodedTensor; siteAtoms?: readonly number[] }) {
  if (!decoded.ok) {
    return (
      <div className="reconstruct-step" data-testid="reconstruct-crystal">
        <p className="failure">No crystal: {decoded.reason}.</p>
      </div>
    );
  }
  const { crystal, warnings } = decoded;
  const { a, b, c, alpha, beta, gamma } = crystal.lattice;
  return (
    <div className="reconstruct-step" data-testid="reconstruct-crystal">
      <p className="reconstruct-step__lead">
        Coordinates wrapped into [0, 1), sites of one element closer than the merge tolerance taken as one atom, and
        the lattice built from the averaged parameters.
      </p>
      <dl className="crystal-facts">
        <div><dt>Formula</dt><dd className="crystal-facts__formula">{formulaText(crystal)}</dd></div>
        <div><dt>Sites</dt><dd>{crystal.sites.length}</dd></div>
        <div>
          <dt>Lattice</dt>
          <dd>
            a {fixed(a, 'length')}, b {fixed(b, 'length')}, c {fixed(c, 'length')} Å; α {fixed(alpha, 'angle')}, β{' '}
            {fixed(beta, 'angle')}, γ {fixed(gamma, 'angle')}°
          </dd>
        </div>
        <div><dt>Volume</dt><dd>{volume(crystal.lattice).toFixed(2)} Å³</dd></div>
        <div><dt>Space group</dt><dd>{crystal.spaceGroup.predicted} predicted by the tensor, {crystal.spaceGroup.detected ?? 'none'} detected</dd></div>
      </dl>
      <div className="table-wrap reconstruct-scroll">
        <table className="reconstruct-table reconstruct-table--numbers">
          <caption>Sites</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              {siteAtoms && <th scope="col" className="num">From atom</th>}
              <th scope="col">Element</th>
              <th scope="col" className="num">x</th>
              <th scope="col" className="num">y</th>
              <th scope="col" className="num">z</th>
            </tr>
          </thead>
          <tbody>
            {crystal.sites.map((site, i) => (
              <tr key={site.label}>
                <th scope="row">{site.label}</th>
                {siteAtoms && <td className="num">{siteAtoms[i]! + 1}</td>}
                <td>{site.element}</td>
                {site.frac.map((f, d) => <td key={d} className="num">{fixed(f, 'coordinate')}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {warnings.length > 0 && (
        <div className="reconstruct-warnings">
          <h4>Warnings</h4>
          <ul>
            {warnings.map((w, i) => <li key={i}>{w}</li>)}
          </ul>
        </div>
      )}
    </div>
  );
}
