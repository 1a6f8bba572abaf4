import type { Measurement } from './selection';

/** The distance or angle the selected atoms measure, named by their site labels (the exported CIF's). */
export function MeasurementReadout({ measurement, names }: { measurement: Measurement; names: readonly string[] }) {
  if (measurement.kind === 'distance') {
    const crossed = measurement.shortest < measurement.distance - 1e-6;
    return (
      <p className="structure-measure" data-testid="structure-measure">
        {names.join('–')}: <strong>{measurement.distance.toFixed(4)} Å</strong>
        {crossed && ` as drawn; ${measurement.shortest.toFixed(4)} Å between the nearest images of the two sites`}
      </p>
    );
  }
  return (
    <p className="structure-measure" data-testid="structure-measure">
      {names.join('–')}: <strong>{measurement.angle.toFixed(2)}°</strong> at {names[1]} (arms {measurement.distances.map((d) => d.toFixed(4)).join(' and ')} Å)
    </p>
  );
}
