import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCif } from '../../core/cif/write';
import type { Normalization } from '../../core/crystens/layout';
import { ENTRIES } from '../../core/crystens/layout';
import type { CrystalMetrics } from '../../core/crystens/metrics';
import { type DecodedTensor, decodeTensor } from '../../core/crystens/decode';
import { summariseDecoding } from '../../core/crystens/decode-summary';
import { crysTensBatch, readNpy } from '../../core/crystens/npy';
import { type ClusterChoice, DEFAULT_CLUSTERING } from '../../core/crystens/reconstruct';
import { parseArgs } from '../args';
import { UsageError } from '../files';
import { metaPathFor } from './encode';

function clusterChoice(value: string | true | undefined, fallback: ClusterChoice, name: string): ClusterChoice {
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
  const { normalization } = JSON.parse(readFileSync(metaPath, 'utf8')) as { normalization?: Normalization };
  if (!normalization || !(normalization.lengthBound > 0)) throw new UsageError(`${metaPath} holds no normalization.lengthBound`);
  const options = {
    kAtoms: clusterChoice(args.options.get('k-atoms'), DEFAULT_CLUSTERING.kAtoms, 'k-atoms'),
    kCoords: clusterChoice(args.options.get('k-coords'), DEFAULT_CLUSTERING.kCoords, 'k-coords'),
  };
  let batch;
  try {
    batch = crysTensBatch(readNpy(readFileSync(npyPath)), args.options.has('channels-first'));
  } catch (e) {
    throw new UsageError(`${npyPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
  mkdirSync(dir, { recursive: true });
  const crystals: { index: number; file: string; spaceGroup: { predicted: number; detected: number }; metrics: CrystalMetrics; warnings: string[] }[] = [];
  const failures: { index: number; failure: string; reason: string }[] = [];
  const decoded: DecodedTensor[] = [];
  for (let i = 0; i < batch.count; i++) {
    const d = decodeTensor(batch.data.subarray(i * ENTRIES, (i + 1) * ENTRIES), normalization, options, i, `${npyPath}[${i}]`);
    decoded.push(d);
    if (!d.ok) {
      failures.push({ index: i, failure: d.failure, reason: d.reason });
      continue;
    }
    const file = join(dir, `${i}.cif`);
    writeFileSync(file, writeCif(d.crystal, { blockName: `crystal_${i}` }));
    const { spaceGroup } = d.crystal;
    crystals.push({ index: i, file, spaceGroup: { predicted: spaceGroup.predicted!, detected: spaceGroup.detected! }, metrics: d.metrics, warnings: d.warnings });
  }
  const { tensors, crystals: count, failedBy, siteCounts, average } = summariseDecoding(decoded);
  // The averages are over the `decoded` tensors that gave a crystal, and say so by standing beside that count.
  const summary = { tensors, decoded: count, failed: tensors - count, failedBy, siteCounts, average: average ?? null };
  const report = { source: npyPath, options, ...summary, crystals, failures };
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 1));
  out(JSON.stringify({ ...summary, report: join(dir, 'report.json') }));
  return 0;
}
