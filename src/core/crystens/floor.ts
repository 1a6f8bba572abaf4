/**
 * The floor of the evaluation (issue: honest Tables 1–2): real crystals sent through the same encoding and decoding
 * as a model's samples. It is what a perfect generator would score — the best a run's Table 1/2 metrics, validity
 * and coverage can be with this decoder — and it shows what the decoder alone costs.
 */
import type { Crystal } from '../crystal';
import { type DecodedTensor, decodeTensor } from './decode';
import { encodeCrystal } from './encode';
import type { Normalization } from './layout';
import type { ReconstructOptions } from './reconstruct';

/** Each encodable crystal, encoded with `n` and decoded with `options`; crystals without a CrysTens are left out. */
export function decodeRealTensors(crystals: readonly Crystal[], n: Normalization, options: ReconstructOptions): DecodedTensor[] {
  const decoded: DecodedTensor[] = [];
  for (const crystal of crystals) {
    const encoded = encodeCrystal(crystal, n);
    if (encoded.ok) decoded.push(decodeTensor(encoded.tensor, n, options, decoded.length, crystal.source));
  }
  return decoded;
}
