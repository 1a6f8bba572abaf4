import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCif } from '../../core/cif/write';
import type { Normalization } from '../../core/crystens/layout';
import { ENTRIES } from '../../core/crystens/layout';
import { decodeTensor } from '../../core/crystens/decode';
import { averageMetrics, type CrystalMetrics } from '../../core/crystens/metrics';
import { crysTensBatch, readNpy } from '../../core/crystens/npy';
import { type ClusterChoice, PAPER_K_ATOMS, PAPER_K_COORDS } from '../../core/crystens/reconstruct';
import { parseArgs } from '../args';
import { UsageError } from '../files';
import { metaPathFor } from './encode';

function clusterChoice(value: string | true | undefined, fallback: number, name: string): ClusterChoice {
  if (value === undefined) return fallback;
  if (value === 'auto' || value === 'none') return value;
  const k = Number(value);
  if (!Number.isInteger(k) || k < 1) throw new UsageError(`--${name} takes a positive integer, auto or none, not ${String(value)}`);
  return k;
}

export function runDecode(argv: readonly string[], out: (s: string) => void): number {
  const args = parseArgs(argv, ['meta', 'out', 'k-atoms', 'k-coords'], ['channels-first']);
  const [npyPath] = args.positional;
  const dir = args.options.get('out');
  if (!npyPath || args.positional.length > 1) throw new UsageError('decode takes one X.npy');
  if (typeof dir !== 'string') throw new UsageError('decode needs --out DIR');
  const metaPath = (args.options.get('meta') as string | undefined) ?? metaPathFor(npyPath);
  if (!existsSync(npyPath)) throw new UsageError(`cannot read ${npyPath}`);
  if (!existsSync(metaPath)) throw new UsageError(`no normalisation bounds: ${metaPath} not found (give --meta)`);
  const normalization = JSON.parse(readFileSync(metaPath, 'utf8')).normalization as Normalization;
  if (!(normalization?.lengthBound > 0)) throw new UsageError(`${metaPath} holds no normalization.lengthBound`);
  const options = {
    kAtoms: clusterChoice(args.options.get('k-atoms'), PAPER_K_ATOMS, 'k-atoms'),
    kCoords: clusterChoice(args.options.get('k-coords'), PAPER_K_COORDS, 'k-coords'),
  };
  let batch;
  try {
    batch = crysTensBatch(readNpy(readFileSync(npyPath)), args.options.has('channels-first'));
  } catch (e) {
    throw new UsageError(`${npyPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
  mkdirSync(dir, { recursive: true });
  const crystals: { index: number; file: string; spaceGroup: { predicted: number; detected: number }; metrics: CrystalMetrics; warnings: string[] }[] = [];
  const failed: { index: number; reason: string }[] = [];
  for (let i = 0; i < batch.count; i++) {
    const d = decodeTensor(batch.data.subarray(i * ENTRIES, (i + 1) * ENTRIES), normalization, options, i, `${npyPath}[${i}]`);
    if (!d.ok) {
      failed.push({ index: i, reason: d.reason });
      continue;
    }
    const file = join(dir, `${i}.cif`);
    writeFileSync(file, writeCif(d.crystal, { blockName: `crystal_${i}` }));
    const { spaceGroup } = d.crystal;
    crystals.push({ index: i, file, spaceGroup: { predicted: spaceGroup.declared!, detected: spaceGroup.detected! }, metrics: d.metrics, warnings: d.warnings });
  }
  const report = { source: npyPath, count: batch.count, options, average: averageMetrics(crystals.map((c) => c.metrics)) ?? null, crystals, failed };
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 1));
  out(JSON.stringify({ decoded: crystals.length, failed: failed.length, report: join(dir, 'report.json'), average: report.average }));
  return 0;
}
