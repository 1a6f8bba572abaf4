/**
 * What the Compare panel files with a library model when it scores a run sampled from it: the scorecard as the
 * model library keeps metrics (the figures a release records), with the step and what they were scored against.
 */
import type { Scorecard } from '../../core/metrics/evaluation';
import type { MetricsBasis } from '../../ml/engine/model-library';
import type { ReleaseMetrics } from '../../ml/engine/pretrained';
import { plural } from '../format';
import type { SampleRun } from '../generate/store';

export interface FiledMetrics {
  /** The model library entry. */
  readonly id: string;
  readonly metrics: ReleaseMetrics;
  readonly at: MetricsBasis;
}

/** A scorecard's shares as a library entry's metrics (over every sample drawn, failed reconstructions included). */
export function scorecardMetrics(c: Scorecard): ReleaseMetrics {
  return { samples: c.count, valid: c.valid, unique: c.uniqueness, novel: c.novelty, covR: c.coverage.recall, covP: c.coverage.precision };
}

/**
 * The metrics to file for `run` scored as `scorecard` against `realCount` loaded crystals with the named cutoffs;
 * none for a run that says nothing of a library model as trained (the untrained baseline, a run cut short or
 * failed, a run kept from before the library).
 */
export function filedMetrics(run: SampleRun, scorecard: Scorecard, realCount: number, cutoffs: string): FiledMetrics | undefined {
  const id = run.model.libraryId;
  if (id === undefined || run.settings.untrained || run.state !== 'done') return undefined;
  return { id, metrics: scorecardMetrics(scorecard), at: { step: run.model.step, against: `${plural(realCount, 'crystal')} loaded, ${cutoffs} cutoffs` } };
}
