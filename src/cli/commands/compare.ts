import type { Crystal } from '../../core/crystal';
import { ingestFile } from '../../core/ingest/ingest';
import { compareDistributions } from '../../core/metrics/distributions';
import { setValidity } from '../../core/metrics/validity';
import { parseArgs } from '../args';
import { listInputPaths, readInputFile, UsageError } from '../files';

/** `--real a b --generated c d`: each flag takes the paths after it. */
function splitSets(argv: readonly string[]): { real: string[]; generated: string[]; rest: string[] } {
  const sets: Record<'real' | 'generated', string[]> = { real: [], generated: [] };
  const rest: string[] = [];
  let current: 'real' | 'generated' | undefined;
  for (const arg of argv) {
    if (arg === '--real' || arg === '--generated') current = arg.slice(2) as 'real' | 'generated';
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

export function runCompare(argv: readonly string[], out: (s: string) => void): number {
  const { real, generated, rest } = splitSets(argv);
  parseArgs(rest, [], ['json']);
  if (real.length === 0 || generated.length === 0) throw new UsageError('compare needs --real PATH... and --generated PATH...');
  const r = crystalsIn(real);
  const g = crystalsIn(generated);
  if (r.crystals.length === 0 || g.crystals.length === 0) throw new UsageError('each set needs at least one readable crystal');
  const distributions = compareDistributions(r.crystals, g.crystals).map(({ property, real: n, generated: m, ks, wasserstein }) => ({
    property, real: n, generated: m, ks_statistic: ks.statistic, ks_pvalue: ks.pvalue, ks_method: ks.method, wasserstein,
  }));
  const validity = setValidity(g.crystals, r.crystals);
  out(JSON.stringify({ real: { crystals: r.crystals.length, unreadable: r.unreadable }, generated: { crystals: g.crystals.length, unreadable: g.unreadable }, distributions, validity }, null, 1));
  return 0;
}
