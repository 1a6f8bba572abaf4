import { useEffect, useState } from 'react';
import type { SiteNeighbours } from '../../core/bonding';
import type { Crystal } from '../../core/crystal';
import { inCrystalWorker } from '../crystalClient';
import type { SceneModel } from './scene-model';
import { drawnFrac } from './selection';

/** Neighbours listed at most; the rest are counted. */
const MAX_LISTED = 24;

const coordinates = (v: readonly number[], digits: number) => `(${v.map((x) => x.toFixed(digits)).join(', ')})`;

export interface AtomDetailsProps {
  readonly crystal: Crystal;
  readonly model: SceneModel;
  /** Index into the model's drawn atoms. */
  readonly atom: number;
  /** The site labels the exported CIF uses (cifSiteLabels). */
  readonly labels: readonly string[];
  readonly bondScale: number;
}

/**
 * A clicked atom: element, site label (the exported CIF's), occupancy, fractional and Cartesian coordinates of the
 * image clicked, and its bonded neighbours with distances (searched in the crystal worker).
 */
export function AtomDetails({ crystal, model, atom, labels, bondScale }: AtomDetailsProps) {
  const site = model.atoms.site[atom]!;
  const [found, setFound] = useState<{ key: string; neighbours: SiteNeighbours } | { key: string; failure: string }>();
  const key = `${site}:${bondScale}`;
  useEffect(() => {
    let stale = false;
    inCrystalWorker((api) => api.siteNeighbours(crystal, site, bondScale)).then(
      (neighbours) => stale || setFound({ key, neighbours }),
      (error: unknown) => stale || setFound({ key, failure: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      stale = true;
    };
  }, [crystal, site, bondScale, key]);
  const s = crystal.sites[site]!;
  const frac = drawnFrac(crystal, model.atoms, atom);
  const cart = [0, 1, 2].map((i) => model.atoms.position[3 * atom + i]!);
  const current = found?.key === key ? found : undefined;
  return (
    <section className="structure-details" aria-label={`Atom ${labels[site]}`} data-testid="structure-atom">
      <h2 className="structure-details__title">
        <span data-testid="structure-atom-label">{labels[site]}</span> {s.element}
        {s.occupancy < 1 && <span className="structure-details__muted"> occupancy {+s.occupancy.toFixed(3)}</span>}
      </h2>
      <dl className="structure-details__coordinates">
        <dt>Fractional</dt>
        <dd data-testid="structure-atom-frac">{coordinates(frac, 5)}</dd>
        <dt>Cartesian (Å)</dt>
        <dd data-testid="structure-atom-cart">{coordinates(cart, 4)}</dd>
      </dl>
      {!current && <p className="structure-details__muted">Finding its neighbours…</p>}
      {current && 'failure' in current && <p className="failure">Its neighbours could not be found: {current.failure}</p>}
      {current && 'neighbours' in current && (
        <>
          <h3 className="structure-details__subtitle">
            Bonded within {bondScale.toFixed(2)} × the sum of covalent radii: {current.neighbours.bonded.length}
          </h3>
          {current.neighbours.bonded.length === 0 ? (
            <p className="structure-details__muted">None; the nearest atom is {current.neighbours.nearest.toFixed(4)} Å away.</p>
          ) : (
            <table className="structure-details__neighbours" data-testid="structure-neighbours">
              <thead>
                <tr>
                  <th scope="col">Site</th>
                  <th scope="col">Distance (Å)</th>
                  <th scope="col" title="Lattice translation of the neighbour's site (cell units), from its position in the cell">Image</th>
                </tr>
              </thead>
              <tbody>
                {current.neighbours.bonded.slice(0, MAX_LISTED).map((n, i) => (
                  <tr key={i}>
                    <td>{labels[n.site]}</td>
                    <td>{n.distance.toFixed(4)}</td>
                    <td>{n.image.join(' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {current.neighbours.bonded.length > MAX_LISTED && (
            <p className="structure-details__muted">and {current.neighbours.bonded.length - MAX_LISTED} more</p>
          )}
        </>
      )}
    </section>
  );
}
