/**
 * model.json of format version 1: the pretrained models of public/models and the checkpoints the studio kept in
 * IndexedDB before version 2. It held every hyper-parameter as a number (the diffusion network and prediction as
 * indices into NETWORKS and PREDICTIONS, positionEmbedding as 0 or 1), and a key it lacks is one the code did not
 * have yet when the file was written. Its hyper-parameters become version 2's here, at the one place a model is
 * read (model-check.ts), which then checks them as any other.
 */
import { NETWORKS, PREDICTIONS } from '../hyper';

/** Version 1's values of what were then numbers. */
const INDEXED = { network: NETWORKS, prediction: PREDICTIONS } as const;
const FLAGS = ['positionEmbedding'] as const;

/**
 * A version 1 config's hyper-parameters as version 2 writes them. A value that is no index or flag stays as it was,
 * for the range check to refuse with its own value.
 */
export function hyperFromVersion1(hyper: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const converted: Record<string, unknown> = { ...hyper };
  for (const [name, values] of Object.entries(INDEXED)) {
    const index = converted[name];
    if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < values.length) converted[name] = values[index];
  }
  for (const name of FLAGS) {
    const flag = converted[name];
    if (flag === 0 || flag === 1) converted[name] = flag === 1;
  }
  return converted;
}
