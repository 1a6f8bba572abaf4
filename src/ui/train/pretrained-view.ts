/** What the Train panel shows of a pretrained model: where the studio's models folder is, and its figures. */
import type { MetricsBasis } from '../../ml/engine/model-library';
import type { ReleaseMetrics } from '../../ml/engine/pretrained';

/** public/models/index.json as the page serves it (an absolute URL: the worker resolves it from its own). */
export function pretrainedIndexUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}models/index.json`, document.baseURI).href;
}

const percent = (x: number) => `${(100 * x).toFixed(0)} %`;
const fixed = (x: number) => x.toFixed(3);

const METRIC_LABELS: readonly [keyof Omit<ReleaseMetrics, 'samples'>, string, (x: number) => string][] = [
  ['valid', 'valid', percent],
  ['unique', 'unique', percent],
  ['novel', 'novel', percent],
  ['covR', 'COV-R', percent],
  ['covP', 'COV-P', percent],
  ['ksA', 'K–S a', fixed],
  ['ksB', 'K–S b', fixed],
  ['ksC', 'K–S c', fixed],
  ['usualSites', 'usual site count', percent],
];

/**
 * "valid 93 %, unique 97 %, COV-R 85 %, K–S a 0.081 (over 1000 samples)", with when and against what where that
 * is known ("… (over 1000 samples at step 7726, against perov_5's test split, at release)"), or why there are none.
 */
export function metricsLine(m: ReleaseMetrics | undefined, at?: MetricsBasis): string {
  if (!m) return 'metrics not measured yet';
  const parts = METRIC_LABELS.flatMap(([key, label, format]) => (m[key] === undefined ? [] : [`${label} ${format(m[key])}`]));
  const basis = at ? ` at step ${at.step}, against ${at.against}` : '';
  return `${parts.join(', ')} (over ${m.samples} samples${basis})`;
}
