/**
 * What the Export panel hands the researcher, as bytes (fflate zips, .npy): generated crystals as CIFs with a
 * CSV summary, tensors as .npy, a dataset as .npy with its normalisation bounds (the files `crystens encode`
 * writes), and a model's files.
 */
import { strToU8, zipSync } from 'fflate';
import { writeCif } from '../cif/write';
import type { DecodedTensor } from '../crystens/decode';
import { buildDataset, encodeBatch } from '../crystens/dataset';
import { ENTRIES, LAYERS, SIZE } from '../crystens/layout';
import { METRIC_NAMES } from '../crystens/metrics';
import { writeNpy } from '../crystens/npy';
import { type Crystal, formula } from '../crystal';
import { volume } from '../lattice';
import { InflationBudget, readZip, type ZipLimits } from '../zip/read';

/**
 * A CSV field: quoted when it holds a comma, a quote or a line break. Text that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return: OWASP's CSV-injection list) gets a leading single
 * quote, since failure reasons can carry file names and values from the researcher's inputs. Numbers are
 * written as numbers: a negative one is a value, not a formula.
 */
function csvField(value: string | number | boolean | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: readonly (string | number | boolean | undefined)[]) => fields.map(csvField).join(',') + '\r\n';

const SUMMARY_COLUMNS = [
  'index', 'file', 'formula', 'sites', 'a', 'b', 'c', 'alpha', 'beta', 'gamma', 'volume',
  'predicted_space_group', 'detected_space_group', 'structurally_valid', 'compositionally_valid', ...METRIC_NAMES, 'failure',
] as const;

const cifName = (index: number, width: number) => `crystal_${String(index + 1).padStart(width, '0')}.cif`;

/**
 * A zip of one CIF per reconstructed crystal (P1, every site written), `summary.csv` with one row per tensor
 * (failed reconstructions included, with their reason) and `README.txt` naming where the crystals came from.
 */
export function generatedCrystalsZip(decoded: readonly DecodedTensor[], title: string): Uint8Array {
  const width = String(decoded.length).length;
  const files: Record<string, Uint8Array> = {};
  let summary = csvLine(SUMMARY_COLUMNS);
  for (const d of decoded) {
    if (!d.ok) {
      summary += csvLine([d.index + 1, ...Array<undefined>(SUMMARY_COLUMNS.length - 2), d.reason]);
      continue;
    }
    const c = d.crystal;
    const file = cifName(d.index, width);
    files[file] = strToU8(writeCif(c, { blockName: file.replace(/\.cif$/, '') }));
    const l = c.lattice;
    summary += csvLine([
      d.index + 1, file, formula(c), c.sites.length, l.a, l.b, l.c, l.alpha, l.beta, l.gamma, volume(l),
      c.spaceGroup.predicted, c.spaceGroup.detected, d.structurallyValid, d.compositionallyValid,
      ...METRIC_NAMES.map((m) => d.metrics[m]), '',
    ]);
  }
  files['summary.csv'] = strToU8(summary);
  files['README.txt'] = strToU8(
    `${title}\r\n\r\nCrystals reconstructed from CrysTens tensors by CrysTens Studio. summary.csv has one row per tensor: ` +
      `lattice (Å, degrees), volume (Å³), the space group the tensor predicted and the one detected in the crystal, ` +
      `validity, the paper's Table 1 and 2 metrics, and the reason when a tensor gave no crystal.\r\n`,
  );
  return zipSync(files, { level: 6 });
}

/** Tensors as one .npy of shape [N, 64, 64, 4] (channels last). */
export function tensorsNpy(tensors: readonly Float32Array[]): Uint8Array {
  const data = new Float32Array(tensors.length * ENTRIES);
  tensors.forEach((t, i) => data.set(t, i * ENTRIES));
  return writeNpy([tensors.length, SIZE, SIZE, LAYERS], data);
}

/** The encodable crystals as a .npy and its metadata (normalisation bounds, sources, what was skipped). */
export function encodeDatasetFiles(crystals: readonly Crystal[], unreadable: readonly { source: string; reason: string }[] = []) {
  const { dataset, skipped } = buildDataset(crystals);
  const count = dataset.entries.length;
  const npy = writeNpy([count, SIZE, SIZE, LAYERS], encodeBatch(dataset, dataset.entries.map((_, i) => i)));
  const meta = { shape: [count, SIZE, SIZE, LAYERS], normalization: dataset.normalization, entries: dataset.entries, skipped: [...skipped, ...unreadable] };
  return { npy, meta, count };
}

/** `dataset.npy` and `dataset.json` (what `crystens decode --meta` and `crystens train` read). */
export function datasetZip(crystals: readonly Crystal[]): Uint8Array {
  const { npy, meta } = encodeDatasetFiles(crystals);
  return zipSync({ 'dataset.npy': npy, 'dataset.json': strToU8(JSON.stringify(meta, null, 1)) }, { level: 1 });
}

/** A model's files (tfjs format) in one zip: `model.json` and `weights.bin`, as the CLI's model folder holds. */
export function modelZip(files: { readonly modelJson: string; readonly weights: Uint8Array }): Uint8Array {
  return zipSync({ 'model.json': strToU8(files.modelJson), 'weights.bin': files.weights }, { level: 0 }); // float weights barely compress
}

const MODEL_FILES = ['model.json', 'weights.bin'] as const;

/** model.json is a weights manifest and the model's config: 14 kB for the pretrained models, so 16 MB is ample. */
const MAX_MODEL_JSON_BYTES = 16 * 1024 * 1024;

/**
 * What a model zip may inflate to, counted while inflating. weights.bin is held two or three times over while a
 * model is imported (the buffer, tfjs's tensors, the backend's copy): 512 MB (128 M float32 values, ~40 M
 * parameters with Adam's two moments) keeps that near 1.5 GB, within a browser tab.
 */
export const MODEL_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 512 * 1024 * 1024,
  maxArchiveBytes: 512 * 1024 * 1024 + MAX_MODEL_JSON_BYTES,
  maxEntries: 1000,
};

const modelFileOf = (path: string) => MODEL_FILES.find((name) => path === name || path.endsWith(`/${name}`));

/**
 * Reads a model zip back, inflating only model.json and weights.bin (the first of each) under their caps; throws
 * a message naming what is missing or refused.
 */
export function readModelZip(bytes: Uint8Array, limits = MODEL_ZIP_LIMITS): { modelJson: string; weights: Uint8Array } {
  const found = new Map<string, Uint8Array>();
  const others: string[] = [];
  const refused: string[] = [];
  const choose = (path: string) => {
    const file = modelFileOf(path);
    if (!file || found.has(file)) return { skip: 'not a model file' };
    return file === 'model.json' ? { readUpTo: MAX_MODEL_JSON_BYTES } : 'read';
  };
  for (const entry of readZip(bytes, choose, new InflationBudget(limits))) {
    const file = modelFileOf(entry.name);
    if ('bytes' in entry) {
      if (!found.has(file!)) found.set(file!, entry.bytes);
    } else if (file && !found.has(file)) refused.push(`${entry.name}: ${entry.skipped}`);
    else others.push(entry.name);
  }
  if (refused.length) throw new Error(refused.join('; '));
  const json = found.get('model.json');
  const weights = found.get('weights.bin');
  if (!json || !weights) throw new Error(`the zip must hold model.json and weights.bin; it holds ${[...found.keys(), ...others].join(', ') || 'nothing'}`);
  return { modelJson: new TextDecoder().decode(json), weights };
}
