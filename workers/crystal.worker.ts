// Thin adapter: the crystal side of the studio off the main thread — the importer (with its progress), the
// example dataset, the decoding of generated tensors, the 3-D view's geometry and the real-against-generated
// comparison. Most of it needs moyo (symmetry detection), which this worker loads once.
import * as Comlink from 'comlink';
import wasmUrl from '@spglib/moyo-wasm/moyo_wasm_bg.wasm?url';
import { type SiteNeighbours, siteNeighbours } from '../src/core/bonding';
import type { Crystal } from '../src/core/crystal';
import { type BuiltDataset, buildDataset, datasetBuffers } from '../src/core/crystens/dataset';
import { type DecodedTensor, decodeTensor, decodeTensorTraced, type TracedDecoding } from '../src/core/crystens/decode';
import { ENTRIES, type Normalization, normalizationFor } from '../src/core/crystens/layout';
import type { ReconstructOptions } from '../src/core/crystens/reconstruct';
import { datasetZip, generatedCrystalsZip, modelZip, readModelZip, tensorsNpy } from '../src/core/export/archives';
import { STRUCTURE_FILE_TYPES, type StructureFormat } from '../src/core/export/structure-file';
import { ingestFiles } from '../src/core/ingest/ingest';
import { exampleDataset } from '../src/core/prototypes/dataset';
import type { IngestEntry, InputFile } from '../src/core/ingest/types';
import { type DecodeSummary, summariseDecoding } from '../src/core/crystens/decode-summary';
import { decodeRealTensors } from '../src/core/crystens/floor';
import { COVERAGE_CUTOFFS } from '../src/core/metrics/coverage';
import { compareRunDistributions } from '../src/core/metrics/distributions';
import { EvaluationSet, type Scorecard, scorecard } from '../src/core/metrics/evaluation';
import { initMoyo } from '../src/core/symmetry/moyo';
import { sceneBuffers, sceneModel, type SceneModel, type SceneOptions, type Supercell } from '../src/ui/structure/scene-model';

let moyoReady: Promise<void> | undefined;

function ensureMoyo(): Promise<void> {
  moyoReady ??= initMoyo(wasmUrl).catch((error: unknown) => {
    moyoReady = undefined; // let the next call try again
    throw error;
  });
  return moyoReady;
}

export interface Comparison {
  readonly scorecard: Scorecard;
}

export type CutoffsName = keyof typeof COVERAGE_CUTOFFS;

/**
 * The real set prepared for scoring (reduced for the matcher, fingerprinted), kept while the same crystals come
 * back: fingerprinting 4,000 crystals takes seconds, scoring a run against them much less.
 */
let reference: { key: string; set: EvaluationSet } | undefined;

function referenceSet(real: readonly Crystal[]): EvaluationSet {
  const key = `${real.length}:${real[0]?.source}:${real.at(-1)?.source}`;
  if (reference?.key !== key) reference = { key, set: new EvaluationSet(real) };
  return reference.set;
}

function score(real: readonly Crystal[], generated: readonly Crystal[], failed: number, cutoffs: CutoffsName): Comparison {
  const set = referenceSet(real);
  return {
    scorecard: scorecard({ generated: new EvaluationSet(generated), reference: set, training: set, cutoffs: COVERAGE_CUTOFFS[cutoffs], failed }),
  };
}

/** Entries per message to the page: a few milliseconds of structured clone each. */
const ENTRY_CHUNK = 500;

/** Bytes handed to the page without a copy. */
const transferred = (bytes: Uint8Array) => Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);

const api = {
  /**
   * Reads the files and hands their entries to the page in chunks, each a message of its own (one structured
   * clone of ten thousand crystals would hold the page for a long task); resolves with the number of entries.
   */
  async ingest(
    files: readonly InputFile[],
    onProgress: (done: number, total: number) => void,
    // Through comlink the page's answer is a promise: awaited, so each chunk is taken before the next is sent.
    onEntries: (entries: IngestEntry[]) => void | Promise<void>,
  ): Promise<number> {
    await ensureMoyo();
    const entries = await ingestFiles(files, { onProgress: (done, total) => void onProgress(done, total) });
    for (let i = 0; i < entries.length; i += ENTRY_CHUNK) await onEntries(entries.slice(i, i + ENTRY_CHUNK));
    return entries.length;
  },

  /** The example dataset (structure prototypes), as importer entries. */
  async example(): Promise<IngestEntry[]> {
    await ensureMoyo();
    return exampleDataset().map((crystal) => ({ source: crystal.source, ok: true as const, crystal, warnings: [] }));
  },

  /**
   * The page's crystals built into a compact dataset (typed arrays), which moves to the page without a copy, to be
   * handed on to training. The crystals are pulled in chunks, each a task of its own on the page: one structured
   * clone of ten thousand would hold it for a long task.
   */
  async dataset(count: number, chunk: (from: number) => Crystal[] | Promise<Crystal[]>): Promise<BuiltDataset> {
    const crystals: Crystal[] = [];
    while (crystals.length < count) {
      const next = await chunk(crystals.length);
      if (next.length === 0) break;
      crystals.push(...next);
    }
    const built = buildDataset(crystals);
    return Comlink.transfer(built, datasetBuffers(built.dataset));
  },

  /** Decodes `tensors` (count × [64, 64, 4], channels last); entry i gets index `firstIndex + i`. */
  async decode(tensors: Float32Array, n: Normalization, options: ReconstructOptions, firstIndex: number, source: string): Promise<DecodedTensor[]> {
    await ensureMoyo();
    const count = tensors.length / ENTRIES;
    return Array.from({ length: count }, (_, i) =>
      decodeTensor(tensors.subarray(i * ENTRIES, (i + 1) * ENTRIES), n, options, firstIndex + i, `${source} #${firstIndex + i + 1}`),
    );
  },

  /** One tensor decoded as `decode` does, with the reconstruction's trace (the Reconstruct panel's steps). */
  async trace(tensor: Float32Array, n: Normalization, options: ReconstructOptions, index: number, source: string): Promise<TracedDecoding> {
    await ensureMoyo();
    return decodeTensorTraced(tensor, n, options, index, source);
  },

  generatedZip: (decoded: readonly DecodedTensor[], title: string) => transferred(generatedCrystalsZip(decoded, title)),
  tensorsNpy: (tensors: readonly Float32Array[]) => transferred(tensorsNpy(tensors)),
  datasetZip: (crystals: readonly Crystal[]) => transferred(datasetZip(crystals)),
  modelZip: (files: { modelJson: string; weights: Uint8Array }) => transferred(modelZip(files)),
  readModelZip(bytes: Uint8Array) {
    const files = readModelZip(bytes);
    return Comlink.transfer(files, [files.weights.buffer as ArrayBuffer]);
  },

  /** What the 3-D view draws of a crystal (neighbours, bonds, image atoms); its atom arrays move to the page. */
  scene(crystal: Crystal, supercell: Supercell, options: SceneOptions): SceneModel {
    const model = sceneModel(crystal, supercell, options);
    return Comlink.transfer(model, sceneBuffers(model));
  },

  /** A site's bonded neighbours at a bond scale (an atom's details in the 3-D view), linear in the sites. */
  siteNeighbours: (crystal: Crystal, site: number, bondScale: number): SiteNeighbours => siteNeighbours(crystal, site, bondScale),

  /** One crystal as a CIF, POSCAR or extended XYZ file (the 3-D view's downloads); throws a refusal's reason. */
  structureFile: (crystal: Crystal, format: StructureFormat) => STRUCTURE_FILE_TYPES[format].write(crystal),

  /** Runs side by side against the real crystals: each run's K–S and W₁ per property, histograms on shared edges. */
  distributions: (real: readonly Crystal[], runs: readonly (readonly Crystal[])[]) => compareRunDistributions(real, runs),

  /** A run's crystals (and the tensors that gave none) against the real ones: the scorecard. */
  async compare(real: readonly Crystal[], generated: readonly Crystal[], failed: number, cutoffs: CutoffsName): Promise<Comparison> {
    await ensureMoyo();
    return score(real, generated, failed, cutoffs);
  },

  /** The floor: the real crystals' own tensors decoded as a run's would be, and scored like one. */
  async floor(real: readonly Crystal[], n: Normalization | undefined, options: ReconstructOptions, cutoffs: CutoffsName): Promise<Comparison & { summary: DecodeSummary }> {
    await ensureMoyo();
    const decoded = decodeRealTensors(real, n ?? normalizationFor(real.reduce((m, c) => Math.max(m, c.lattice.a, c.lattice.b, c.lattice.c), 1)), options);
    const crystals = decoded.flatMap((d) => (d.ok ? [d.crystal] : []));
    return { ...score(real, crystals, decoded.length - crystals.length, cutoffs), summary: summariseDecoding(decoded) };
  },
};

export type CrystalWorkerApi = typeof api;

Comlink.expose(api);
