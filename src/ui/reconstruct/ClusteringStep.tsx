import type { ClusterStep, ReconstructionTrace } from '../../core/crystens/reconstruct';
import { elementByZ } from '../../core/elements';
import { NumberLine } from './NumberLine';
import { AXES, atomicNumberClustering, type ClusterSummary, coordinateClustering, fixed, lineDomain, orderedColour, type Quantity } from './steps';

/** Values before clustering on a line, coloured by cluster, with the centroids marked. */
function ClusterLine({ step, quantity, name, domain, labelOf }: {
  step: ClusterStep;
  quantity: Quantity;
  name: string;
  domain: readonly [number, number];
  labelOf: (i: number) => string;
}) {
  const clustering = step.clustering;
  const colour = (i: number) => (clustering ? orderedColour(clustering.assignment[i]!, clustering.k) : undefined);
  return (
    <NumberLine
      domain={domain}
      points={step.before.map((v, i) => ({ value: v, colour: colour(i), label: `${labelOf(i)}: ${fixed(v, quantity)} → ${fixed(step.after[i]!, quantity)}` }))}
      marks={clustering?.centroids.map((c, q) => ({ value: c, kind: 'centroid' as const, colour: orderedColour(q, clustering.k), label: `centroid ${q + 1}: ${fixed(c, quantity)}` }))}
      width={560}
      height={72}
      ticks={8}
      ariaLabel={`${step.before.length} ${name} before clustering${clustering ? `, in ${clustering.k} clusters with centroids ${clustering.centroids.map((c) => fixed(c, quantity)).join(', ')}` : ''}`}
    />
  );
}

function Summary({ summary, count, quantity }: { summary: ClusterSummary; count: number; quantity: Quantity }) {
  return (
    <p className="cluster-summary">
      <span className="cluster-summary__choice">{summary.choice}</span>
      {' · '}
      <strong>{summary.moved.length}</strong> of {count} values moved
      {summary.moved.length > 0 && <>, by at most {fixed(summary.largestMove, quantity)} (mean over all {fixed(summary.meanMove, quantity)})</>}
    </p>
  );
}

/** Step 5 (spec §4.5): K-means on the averaged atomic numbers and on the pooled voted coordinates. */
export function ClusteringStep({ trace }: { trace: ReconstructionTrace }) {
  const { atomicNumbers, coordinates, atomCount: A } = trace;
  const zSummary = atomicNumberClustering(trace);
  const coordSummary = coordinateClustering(trace);
  const coordLabel = (i: number) => `atom ${Math.floor(i / 3) + 1} ${AXES[i % 3]}`;

  return (
    <div className="reconstruct-step">
      <p className="reconstruct-step__lead">
        Atomic numbers and coordinates that should be equal rarely are. K-means (exact, one-dimensional) pulls each
        value to its cluster's centroid; atomic numbers are then rounded. The paper fixes k (3 and 6); automatic k
        takes the fewest clusters that keep every value close to its centroid.
      </p>
      <section className="cluster-section" aria-labelledby="cluster-z">
        <h4 id="cluster-z">Atomic numbers</h4>
        <Summary summary={zSummary} count={A} quantity="Z" />
        <ClusterLine step={atomicNumbers} quantity="Z" name="averaged atomic numbers" domain={lineDomain(atomicNumbers.before, 4)} labelOf={(i) => `atom ${i + 1}`} />
        <div className="table-wrap reconstruct-scroll">
          <table className="reconstruct-table reconstruct-table--numbers">
            <caption className="visually-hidden">Atomic numbers before and after clustering</caption>
            <thead>
              <tr><th scope="col">Atom</th><th scope="col" className="num">Averaged Z</th><th scope="col" className="num">Assigned Z</th><th scope="col">Element</th></tr>
            </thead>
            <tbody>
              {atomicNumbers.before.map((v, i) => (
                <tr key={i}>
                  <th scope="row">{i + 1}</th>
                  <td className="num">{fixed(v, 'Z')}</td>
                  <td className="num">{atomicNumbers.after[i]}</td>
                  <td>{elementByZ(atomicNumbers.after[i]!)?.symbol}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="cluster-section" aria-labelledby="cluster-coordinates">
        <h4 id="cluster-coordinates">Coordinates (x, y and z pooled)</h4>
        <Summary summary={coordSummary} count={3 * A} quantity="coordinate" />
        <ClusterLine step={coordinates} quantity="coordinate" name="voted coordinates" domain={lineDomain(coordinates.before, 0, [0, 1])} labelOf={coordLabel} />
        {coordSummary.moved.length > 0 && (
          <div className="table-wrap reconstruct-scroll">
            <table className="reconstruct-table reconstruct-table--numbers">
              <caption className="visually-hidden">Coordinates moved by clustering</caption>
              <thead>
                <tr><th scope="col">Coordinate</th><th scope="col" className="num">Voted</th><th scope="col" className="num">Centroid</th></tr>
              </thead>
              <tbody>
                {coordSummary.moved.map((i) => (
                  <tr key={i}>
                    <th scope="row">{coordLabel(i)}</th>
                    <td className="num">{fixed(coordinates.before[i]!, 'coordinate')}</td>
                    <td className="num">{fixed(coordinates.after[i]!, 'coordinate')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
