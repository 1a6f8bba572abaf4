/**
 * The Train panel's model fields as data (the seed and batch size too): the preset's values with the researcher's overrides, each
 * checked against the ranges a model.json is checked against (ml/hyper-ranges.ts), so that the form refuses
 * what loading the model would refuse, with the same reason, before the worker is asked.
 */
import { type HyperOverrides, type HyperValue, type Network, NETWORKS } from '../../ml/hyper';
import { checkHyper, type HyperRange, hyperRange, hyperValueProblem, type Setting, settingProblem } from '../../ml/hyper-ranges';
import { presetHyper } from '../../ml/presets';
import type { ModelKind, Preset } from '../../ml/types';

export interface HyperField {
  readonly name: string;
  /** How the field is drawn: a select for a choice, a checkbox for a flag, else a number. */
  readonly range: HyperRange;
  readonly value: HyperValue;
  /** Why the value is refused (shown beside the field); absent when it is fine. */
  readonly problem?: string;
}

/**
 * The fields of a `kind` model of `preset`, in the preset's order. A diffusion model's fields are its network's:
 * choosing the other network brings that network's own numbers.
 */
export function hyperFields(kind: ModelKind, preset: Preset, overrides: HyperOverrides): HyperField[] {
  const network = NETWORKS.find((n): n is Network => n === overrides.network);
  const defaults: Readonly<Record<string, HyperValue | undefined>> = presetHyper(kind, preset, network);
  const problems = new Map((checkHyper(kind, preset, overrides).problems ?? []).map((p) => [p.name, p.reason]));
  return Object.entries(defaults).map(([name, presetValue]) => {
    const problem = problems.get(name);
    return {
      name,
      range: hyperRange(kind, name)!,
      value: overrides[name as keyof HyperOverrides] ?? presetValue!,
      ...(problem !== undefined && { problem }),
    };
  });
}

/** What the form makes a model from. */
export interface ModelSettings {
  readonly kind: ModelKind;
  readonly preset: Preset;
  readonly seed: number;
  readonly batchSize: number;
  readonly hyper: HyperOverrides;
}

/** Why the seed or batch size field is refused (shown beside it); undefined when it is fine. */
export function settingFieldProblem(name: Setting, value: number): string | undefined {
  return settingProblem(name, value)?.reason;
}

/** Why no model can be made from the form now (the first value refused, hidden fields included); undefined when one can. */
export function formRefusal({ kind, preset, seed, batchSize, hyper }: ModelSettings): string | undefined {
  const problem = settingProblem('seed', seed) ?? settingProblem('batchSize', batchSize) ?? checkHyper(kind, preset, hyper).problems?.[0];
  return problem?.message;
}

/** The overrides after one field changed: another network has other fields, so none of this one's carry over. */
export function withField(overrides: HyperOverrides, name: string, value: HyperValue): HyperOverrides {
  return name === 'network' ? { network: value } : { ...overrides, [name]: value };
}

/**
 * The overrides a `kind` model takes, the others dropped: settings saved by an older studio may hold what it wrote
 * then (a network as an index).
 */
export function keptOverrides(kind: ModelKind, overrides: HyperOverrides): HyperOverrides {
  return Object.fromEntries(Object.entries(overrides).filter(([name, value]) => hyperValueProblem(kind, name, value) === undefined));
}
