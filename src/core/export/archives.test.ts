import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DecodedTensor, decodeTensor } from '../crystens/decode';
import { ENTRIES, normalizationFor } from '../crystens/layout';
import { readNpy } from '../crystens/npy';
import type { Crystal } from '../crystal';
import { formula } from '../crystal';
import { ingestFile } from '../ingest/ingest';
import { initMoyoNode } from '../symmetry/moyo-node';
import { DATASETS } from '../testing/corpus';
import { encodeOrThrow } from '../testing/hand-built';
import { streamedZip } from '../testing/zip-bomb';
import { datasetZip, generatedCrystalsZip, MODEL_ZIP_LIMITS, modelZip, readModelZip, tensorsNpy } from './archives';

let crystals: Crystal[] = [];
beforeAll(async () => {
  await initMoyoNode();
  crystals = ingestFile({ name: 'perov.csv', bytes: readFileSync(DATASETS.perov5) })
    .slice(0, 12)
    .flatMap((e) => (e.ok ? [e.crystal] : []));
});

describe('export archives', () => {
  it('zips one CIF per reconstructed crystal that reads back to it, and a summary row per tensor', () => {
    const n = normalizationFor(20);
    const decoded: DecodedTensor[] = crystals.map((c, i) => decodeTensor(encodeOrThrow(c, n), n, { kAtoms: 'none', kCoords: 'none' }, i, 'test'));
    decoded.push(decodeTensor(new Float32Array(ENTRIES), n, {}, crystals.length, 'test'));
    const files = unzipSync(generatedCrystalsZip(decoded, 'perov_5, round trip'));
    const cifs = Object.keys(files).filter((f) => f.endsWith('.cif')).sort();
    expect(cifs).toHaveLength(crystals.length);
    expect(cifs[0]).toBe('crystal_01.cif');
    cifs.forEach((name, i) => {
      const [read] = ingestFile({ name, bytes: files[name]! });
      expect(read?.ok).toBe(true);
      if (!read?.ok) return;
      expect(formula(read.crystal)).toBe(formula(crystals[i]!));
      expect(read.crystal.lattice.a).toBeCloseTo(crystals[i]!.lattice.a, 4);
    });
    const lines = strFromU8(files['summary.csv']!).trim().split('\r\n');
    expect(strFromU8(files['README.txt']!)).toMatch(/^perov_5, round trip/);
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['index', 'file', 'formula', 'sites']);
    expect(lines).toHaveLength(1 + decoded.length);
    const failed = lines.at(-1)!;
    expect(failed.startsWith(`${crystals.length + 1},`)).toBe(true);
    expect(failed).toMatch(/atom|crystal|zero|no /i);
    expect(failed.split(',').length).toBeGreaterThanOrEqual(lines[0]!.split(',').length);
  });

  it('writes tensors and datasets as .npy the reader takes back', () => {
    const n = normalizationFor(20);
    const tensors = crystals.slice(0, 3).map((c) => encodeOrThrow(c, n));
    const array = readNpy(tensorsNpy(tensors));
    expect(array.shape).toEqual([3, 64, 64, 4]);
    expect(array.data.subarray(ENTRIES, 2 * ENTRIES)).toEqual(tensors[1]);
    const dataset = unzipSync(datasetZip(crystals));
    expect(readNpy(dataset['dataset.npy']!).shape).toEqual([crystals.length, 64, 64, 4]);
    const meta = JSON.parse(strFromU8(dataset['dataset.json']!));
    expect(meta.normalization.lengthBound).toBeGreaterThan(0);
  });

  it('round-trips model files and names what a bad model zip lacks', () => {
    const files = { modelJson: '{"format":"x"}', weights: new Uint8Array([1, 2, 3]) };
    expect(readModelZip(modelZip(files))).toEqual(files);
    expect(() => readModelZip(new Uint8Array([1, 2, 3]))).toThrow(/not a zip/);
    expect(() => readModelZip(datasetZip(crystals.slice(0, 1)))).toThrow(/model.json and weights.bin.*dataset.npy/);
  });

  it('refuses a model zip bomb by the bytes it inflates, naming the file and where it stopped', () => {
    const MB = 1048576;
    const weightsBomb = streamedZip([{ name: 'model.json', bytes: strToU8('{}') }, { name: 'weights.bin', zeros: 24 * MB }]);
    // A 4 MB cap stands in for the 512 MB one; the count stops within one 4 kB slice's expansion (~4 MB) of it.
    expect(() => readModelZip(weightsBomb, { ...MODEL_ZIP_LIMITS, maxEntryBytes: 4 * MB })).toThrow(
      /^weights\.bin: inflates to more than 4 MB, the most this entry may hold; stopped after [4-8]\.\d MB$/,
    );
    const jsonBomb = streamedZip([{ name: 'model/model.json', zeros: 24 * MB }, { name: 'model/weights.bin', bytes: new Uint8Array(8) }]);
    expect(() => readModelZip(jsonBomb)).toThrow(/^model\/model\.json: inflates to more than 16 MB, the most this entry may hold; stopped after (1[6-9]|20)\.\d MB$/);
  });
});
