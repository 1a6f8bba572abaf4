import type { Crystal } from '../../core/crystal';
import { ingestFile } from '../../core/ingest/ingest';
import { COVERAGE_CUTOFFS } from '../../core/metrics/coverage';
import { compareDistributions } from '../../core/metrics/distributions';
import { EvaluationSet, scorecard } from '../../core/metrics/evaluation';
import { parseArgs } from '../args';
import { listInputPaths, readInputFile, UsageError } from '../files';

const SETS = ['real', 'generated', 'training'] as const;
type SetName = (typeof SETS)[number];

/** `--real a b --generated c d --training e`: each flag takes the paths after it. */
function splitSets(argv: readonly string[]): Record<SetName, string[]> & { rest: string[] } {
  const sets: Record<SetName, string[]> = { real: [], generated: [], training: [] };
  const rest: string[] = [];
  let current: SetName | undefined;
  for (const arg of argv) {
    const flag = SETS.find((s) => arg === `--${s}`);
    if (flag) current = flag;
    else if (arg.startsWith('--')) {
      rest.push(arg);
      current = undefined;
    } else if (current) sets[current].push(arg);
    else rest.push(arg);
  }
  return { ...sets, rest };
}

function crystalsIn(paths: string[]): { crystals: Crystal[]; unreadable: number } {
  let unreadable = 0;
  const crystals = listInputPaths(paths).flatMap((p) =>
    ingestFile(readInputFile(p)).flatMap((e) => {
      if (!e.ok) unreadable++;
      return e.ok ? [e.crystal] : [];
    }),
  );
  return { crystals, unreadable };
}

function cutoffsNamed(name: string | true | undefined): keyof typeof COVERAGE_CUTOFFS {
  if (name === undefined) return 'own';
  if (typeof name === 'string' && name in COVERAGE_CUTOFFS) return name as keyof typeof COVERAGE_CUTOFFS;
  throw new UsageError(`--cutoffs takes ${Object.keys(COVERAGE_CUTOFFS).join(', ')}, not ${String(name)}`);
}

export function runCompare(argv: readonly string[], out: (s: string) => void): number {
  const { real, generated, training, rest } = splitSets(argv);
  const args = parseArgs(rest, ['cutoffs'], ['json']);
  if (real.length === 0 || generated.length === 0) throw new UsageError('compare needs --real PATH... and --generated PATH...');
  const cutoffs = cutoffsNamed(args.options.get('cutoffs'));
  const r = crystalsIn(real);
  const g = crystalsIn(generated);
  const t = training.length > 0 ? crystalsIn(training) : r;
  if (r.crystals.length === 0 || g.crystals.length === 0) throw new UsageError('each set needs at least one readable crystal');
  const distributions = compareDistributions(r.crystals, g.crystals).map(({ property, real: n, generated: m, ks, wasserstein }) => ({
    property, real: n, generated: m, ks_statistic: ks.statistic, ks_pvalue: ks.pvalue, ks_method: ks.method, wasserstein,
  }));
  const reference = new EvaluationSet(r.crystals);
  const card = scorecard({
    generated: new EvaluationSet(g.crystals),
    reference,
    training: t === r ? reference : new EvaluationSet(t.crystals),
    cutoffs: COVERAGE_CUTOFFS[cutoffs],
    // A generated file that cannot be read is a generated crystal that failed.
    failed: g.unreadable,
  });
  const { count, structural, compositional, valid, uniqueness, novelty, spaceGroupAgreement } = card;
  out(JSON.stringify({
    real: { crystals: r.crystals.length, unreadable: r.unreadable },
    generated: { crystals: g.crystals.length, unreadable: g.unreadable },
    ...(t !== r && { training: { crystals: t.crystals.length, unreadable: t.unreadable } }),
    distributions,
    validity: { count, structural, compositional, valid, uniqueness, novelty, spaceGroupAgreement },
    coverage: { ...card.coverage, cutoffs },
    emd: card.emd,
  }, null, 1));
  return 0;
}
