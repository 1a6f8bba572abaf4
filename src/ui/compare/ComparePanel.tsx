import { useEffect, useEffectEvent, useId, useMemo, useState } from 'react';
import type { Crystal } from '../../core/crystal';
import { summariseDecoding } from '../../core/crystens/decode-summary';
import { COVERAGE_CUTOFFS } from '../../core/metrics/coverage';
import type { RunsDistribution } from '../../core/metrics/distributions';
import type { Comparison, CutoffsName } from '../../../workers/crystal.worker';
import { inCrystalWorker } from '../crystalClient';
import { useDataStore } from '../data/store';
import { clusterOptions, runCrystals, type SampleRun, useGenerateStore } from '../generate/store';
import { useTrainStore } from '../train/store';
import { useViewStore } from '../view';
import { DistributionGrid } from './DistributionGrid';
import { filedMetrics } from './filed-metrics';
import { MetricsTable } from './MetricsTable';
import { defaultRunsShown, toggleRunShown } from './runs-shown';
import { type ScorecardRow, ScorecardTable } from './ScorecardTable';
import { MAX_RUNS_SHOWN } from './series-style';

/** A run is compared once it has stopped growing; the key changes when it does. */
const runKey = (run: SampleRun) => `${run.id}:${run.decoded.length}:${run.state}`;

const CUTOFF_NAMES: Readonly<Record<CutoffsName, string>> = {
  perov_5: 'perov_5 (0.2 / 4)',
  carbon_24: 'carbon_24 (0.2 / 4)',
  mp_20: 'MP-20 (0.4 / 10)',
  own: 'own data (MP values, 0.4 / 10)',
};

/** CDVAE's cutoffs for a CDVAE split when every real crystal comes from one; the MP values otherwise. */
function guessCutoffs(real: readonly Crystal[]): CutoffsName {
  for (const name of ['perov_5', 'carbon_24'] as const) if (real.length > 0 && real.every((c) => c.source.includes(name))) return name;
  return 'own';
}

/**
 * Real against generated: the distributions of up to four runs side by side (K–S, p-value, W1 per run on each
 * chart), the field's scorecard of the floor and every run beside published figures, and every run's Table 1 and
 * 2 metrics beside the paper's. The statistics are computed in the crystal worker.
 */
export function ComparePanel() {
  const real = useDataStore((s) => s.crystals);
  const runs = useGenerateStore((s) => s.runs);
  const clustering = useGenerateStore((s) => s.settings.clustering);
  const focused = useViewStore((s) => s.run);
  const recordMetrics = useTrainStore((s) => s.recordMetrics);
  const [chosen, setChosen] = useState<readonly string[] | undefined>();
  const [cutoffChoice, setCutoffs] = useState<CutoffsName | undefined>();
  const cutoffs = cutoffChoice ?? guessCutoffs(real);
  const [comparisons, setComparisons] = useState<{ basis: string; byRun: ReadonlyMap<string, Comparison> }>({ basis: '', byRun: new Map() });
  const [distributions, setDistributions] = useState<{ key: string; value: RunsDistribution[] }>();
  const [floor, setFloor] = useState<{ basis: string; row: ScorecardRow }>();
  const [failure, setFailure] = useState<string>();
  const ids = { runs: useId(), cutoffs: useId() };
  // Every run that has ended is scored, one that gave no crystal too (as 0 of N); distributions need crystals.
  const finished = useMemo(() => runs.filter((r) => r.state !== 'sampling' && r.decoded.length > 0), [runs]);
  const drawable = useMemo(() => finished.filter((r) => r.decoded.some((d) => d.ok)), [finished]);
  const keys = finished.map(runKey).join('|');
  // Everything is compared against these real crystals with these cutoffs; a new basis starts over.
  const basis = `${real.length}:${real[0]?.source}:${cutoffs}`;
  const drawableIds = drawable.map((r) => r.id);
  // A deleted run leaves the researcher's choice without taking one of its four places.
  const shownIds = chosen ? chosen.filter((id) => drawableIds.includes(id)) : defaultRunsShown(drawableIds, focused);
  const shown = shownIds.flatMap((id) => drawable.filter((r) => r.id === id));
  // The charts are drawn again when the real crystals or a run shown change (cutoffs do not enter them).
  const anyShown = shown.length > 0;
  const shownKey = `${real.length}:${real[0]?.source}|${shown.map(runKey).join('|')}`;
  const normalization = finished.at(-1)?.normalization;

  const hasReal = real.length > 0;
  // The worker calls read the latest values; the effects below say when they run again.
  const scoreFloor = useEffectEvent(() => inCrystalWorker((api) => api.floor(real, normalization, clusterOptions(clustering), cutoffs)));
  const distribute = useEffectEvent(() => inCrystalWorker((api) => api.distributions(real, shown.map(runCrystals))));
  const compareRuns = useEffectEvent(async () => {
    // Only runs not compared yet against these real crystals go to the worker (each call clones the crystals).
    const known = comparisons.basis === basis ? comparisons.byRun : new Map<string, Comparison>();
    const results = new Map<string, Comparison>();
    for (const r of finished) {
      const key = runKey(r);
      const failed = r.decoded.length - runCrystals(r).length;
      const before = known.get(key);
      const comparison = before ?? (await inCrystalWorker((api) => api.compare(real, runCrystals(r), failed, cutoffs)));
      results.set(key, comparison);
      // A run scored for the first time against these crystals: its model's library entry keeps the figures.
      const filed = before ? undefined : filedMetrics(r, comparison.scorecard, real.length, CUTOFF_NAMES[cutoffs]);
      if (filed) void recordMetrics(filed.id, filed.metrics, filed.at);
    }
    return results;
  });

  useEffect(() => {
    if (!hasReal) return;
    let cancelled = false;
    void (async () => {
      try {
        const result = await scoreFloor();
        if (!cancelled) setFloor({ basis, row: { label: 'Floor: real tensors decoded', kind: 'floor', scorecard: result.scorecard, summary: result.summary } });
      } catch (e) {
        if (!cancelled) setFailure(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [hasReal, basis, normalization?.lengthBound, clustering]);

  useEffect(() => {
    if (!hasReal) return;
    let cancelled = false;
    void (async () => {
      try {
        const results = await compareRuns();
        if (!cancelled) setComparisons({ basis, byRun: results });
      } catch (e) {
        if (!cancelled) setFailure(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
    // `keys` stands for `finished`: compare again only when a run has changed.
  }, [hasReal, basis, keys]);

  useEffect(() => {
    if (!hasReal || !anyShown) return;
    let cancelled = false;
    void (async () => {
      try {
        const value = await distribute();
        if (!cancelled) setDistributions({ key: shownKey, value });
      } catch (e) {
        if (!cancelled) setFailure(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [hasReal, anyShown, shownKey]);

  const summaries = useMemo(
    () => new Map(finished.map((r) => [r.id, summariseDecoding(r.decoded)])),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `keys` stands for `finished`, whose identity changes at every chunk a sampling run receives: summarise again only when a finished run has changed.
    [keys],
  );
  const metricsRows = finished.map((r) => {
    const summary = summaries.get(r.id)!;
    return { model: r.label, metrics: summary.average, count: summary.crystals, tensors: summary.tensors };
  });
  const scorecardRows: ScorecardRow[] = [
    ...(floor?.basis === basis ? [floor.row] : []),
    ...finished.flatMap((r) => {
      const c = comparisons.basis === basis ? comparisons.byRun.get(runKey(r)) : undefined;
      return c ? [{ label: r.label, kind: 'run' as const, scorecard: c.scorecard, summary: summaries.get(r.id)! }] : [];
    }),
  ];
  const drawn = distributions?.key === shownKey ? distributions.value : undefined;

  return (
    <section className="panel" aria-labelledby="compare-title" data-testid="compare-panel">
      <header className="panel__header">
        <h1 id="compare-title">Compare</h1>
        <p className="summary">{real.length} real crystals against the generated ones</p>
      </header>
      {failure && <p className="failure" role="alert">The comparison failed: {failure}</p>}
      <div className="run-picker">
        <label htmlFor={ids.cutoffs}>Coverage cutoffs</label>
        <select id={ids.cutoffs} value={cutoffs} onChange={(e) => setCutoffs(e.currentTarget.value as CutoffsName)} data-testid="compare-cutoffs">
          {(Object.keys(CUTOFF_NAMES) as CutoffsName[]).map((name) => (
            <option key={name} value={name}>
              {CUTOFF_NAMES[name]}
            </option>
          ))}
        </select>
      </div>
      {drawable.length > 1 && (
        <fieldset className="compare-runs" data-testid="compare-runs">
          <legend>Runs drawn side by side (at most {MAX_RUNS_SHOWN})</legend>
          {drawable.map((r) => {
            const on = shownIds.includes(r.id);
            return (
              <label key={r.id}>
                <input type="checkbox" checked={on} disabled={!on && shownIds.length >= MAX_RUNS_SHOWN} onChange={(e) => setChosen(toggleRunShown(shownIds, r.id, e.currentTarget.checked))} />
                {r.label}
              </label>
            );
          })}
        </fieldset>
      )}
      {shown.length > 0 && real.length > 0 && !drawn ? (
        <p className="muted">Computing the statistics…</p>
      ) : (
        <DistributionGrid distributions={shown.length > 0 ? (drawn ?? []) : []} labels={shown.map((r) => r.label)} />
      )}
      {real.length > 0 && <ScorecardTable rows={scorecardRows} cutoffs={COVERAGE_CUTOFFS[cutoffs]} />}
      <MetricsTable rows={[...(floor?.basis === basis ? [{ model: floor.row.label, metrics: floor.row.summary.average, count: floor.row.summary.crystals, tensors: floor.row.summary.tensors }] : []), ...metricsRows]} />
    </section>
  );
}
