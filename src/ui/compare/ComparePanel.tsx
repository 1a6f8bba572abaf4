import { useEffect, useId, useMemo, useState } from 'react';
import type { Crystal } from '../../core/crystal';
import { averageMetrics } from '../../core/crystens/metrics';
import type { Comparison } from '../../../workers/crystal.worker';
import { inCrystalWorker } from '../crystalClient';
import { useDataStore } from '../data/store';
import { runCrystals, type SampleRun, useGenerateStore } from '../generate/store';
import { useViewStore } from '../view';
import { DistributionGrid } from './DistributionGrid';
import { MetricsTable } from './MetricsTable';
import { ValidityTable } from './ValidityTable';

/** A run is compared once it has stopped growing; the key changes when it does. */
const runKey = (run: SampleRun) => `${run.id}:${run.decoded.length}:${run.state}`;

/**
 * Real against generated: the distributions of one run (K–S, p-value, W1 on each chart), and every run's Table 1
 * and 2 metrics and validity side by side with the paper's figures. The statistics are computed in the crystal
 * worker.
 */
export function ComparePanel() {
  const real = useDataStore((s) => s.crystals);
  const runs = useGenerateStore((s) => s.runs);
  const focused = useViewStore((s) => s.run);
  const [chosen, setChosen] = useState<string | undefined>();
  const [comparisons, setComparisons] = useState<{ real: readonly Crystal[]; byRun: ReadonlyMap<string, Comparison> }>({ real: [], byRun: new Map() });
  const [failure, setFailure] = useState<string>();
  const runId = useId();
  const finished = useMemo(() => runs.filter((r) => r.state !== 'sampling' && r.decoded.some((d) => d.ok)), [runs]);
  const run = finished.find((r) => r.id === (chosen ?? focused)) ?? finished.at(-1);
  const keys = finished.map(runKey).join('|');

  useEffect(() => {
    if (real.length === 0) return;
    let cancelled = false;
    void (async () => {
      try {
        // Only runs not compared yet against these real crystals go to the worker (each call clones the crystals).
        const known = comparisons.real === real ? comparisons.byRun : new Map<string, Comparison>();
        const results = new Map<string, Comparison>();
        for (const r of finished) {
          const key = runKey(r);
          results.set(key, known.get(key) ?? (await inCrystalWorker((api) => api.compare(real, runCrystals(r)))));
        }
        if (!cancelled) setComparisons({ real, byRun: results });
      } catch (e) {
        if (!cancelled) setFailure(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
    // `keys` stands for `finished`: compare again only when a run has changed.
  }, [real, keys]);

  const metricsRows = finished.map((r) => {
    const ok = r.decoded.flatMap((d) => (d.ok ? [d.metrics] : []));
    return { model: r.label, metrics: averageMetrics(ok), count: ok.length };
  });
  const validityRows = finished.flatMap((r) => {
    const c = comparisons.byRun.get(runKey(r));
    return c ? [{ model: r.label, validity: c.validity }] : [];
  });
  const shown = run ? comparisons.byRun.get(runKey(run)) : undefined;

  return (
    <section className="panel" aria-labelledby="compare-title" data-testid="compare-panel">
      <header className="panel__header">
        <h1 id="compare-title">Compare</h1>
        <p className="summary">{real.length} real crystals against the generated ones</p>
      </header>
      {failure && <p className="failure" role="alert">The comparison failed: {failure}</p>}
      {run && (
        <div className="run-picker">
          <label htmlFor={runId}>Distributions of</label>
          <select id={runId} value={run.id} onChange={(e) => setChosen(e.currentTarget.value)} data-testid="compare-run">
            {finished.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {run && !shown && real.length > 0 ? <p className="muted">Computing the statistics…</p> : <DistributionGrid comparisons={shown?.distributions ?? []} />}
      <MetricsTable rows={metricsRows} />
      <ValidityTable rows={validityRows} />
    </section>
  );
}
