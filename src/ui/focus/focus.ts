/** The real crystal and the generated sample in focus, resolved from the view store's indices. */
import type { Crystal } from '../../core/crystal';
import type { DecodedTensor } from '../../core/crystens/decode';
import { useDataStore } from '../data/store';
import { type SampleRun, useGenerateStore } from '../generate/store';
import { useViewStore } from '../view';

export function useFocusedCrystal(): { crystal?: Crystal; index: number; count: number } {
  const crystals = useDataStore((s) => s.crystals);
  const index = useViewStore((s) => Math.min(s.crystal, Math.max(0, crystals.length - 1)));
  return { crystal: crystals[index], index, count: crystals.length };
}

export interface FocusedSample {
  readonly run: SampleRun;
  readonly index: number;
  readonly tensor?: Float32Array;
  readonly decoded?: DecodedTensor;
}

export function useFocusedSample(): FocusedSample | undefined {
  const runs = useGenerateStore((s) => s.runs);
  const { run: runId, sample } = useViewStore();
  const run = runs.find((r) => r.id === runId) ?? runs.at(-1);
  if (!run) return undefined;
  const index = Math.min(sample, Math.max(0, run.tensors.length - 1));
  return { run, index, tensor: run.tensors[index], decoded: run.decoded.find((d) => d.index === index) };
}
