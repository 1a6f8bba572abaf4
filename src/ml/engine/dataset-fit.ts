/**
 * Hyper-parameters a model takes from its dataset when it is created. The small preset works on the top-left
 * square of the CrysTens that holds the dataset's largest crystal (rows and columns 0 … 11 + sites, crystens-spec
 * §1; beyond them every entry is exactly 0): perov_5's five sites fit 17 × 17 (20 × 20 for the GANs, whose strided
 * layers halve it twice), a ninth of the entries or less, so a step costs about a ninth and the network's width
 * goes where the crystals are. The paper preset keeps the paper's full 64 × 64, and tiny (tests) keeps its fixed
 * shape. Samples are always [64, 64, 4].
 */
import { resolutionFor } from '../diffusion/unet';
import type { AdversarialHyper } from '../hyper';
import { fittedArchitecture } from '../models/adversarial';
import { diffusionPreset } from '../presets';
import type { ModelKind, Preset } from '../types';

/** The working square, and for the GANs the generator's first map and the scorer's depth that fit it. */
export type DatasetFit = Partial<Pick<AdversarialHyper, 'resolution' | 'generatorBase' | 'downsamplings'>>;

export function hyperForDataset(kind: ModelKind, preset: Preset, maxSites: number): DatasetFit {
  if (preset !== 'small') return {};
  if (kind === 'diffusion') return { resolution: resolutionFor(maxSites, diffusionPreset(preset)) };
  return fittedArchitecture(maxSites);
}
