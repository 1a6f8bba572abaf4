/** Every hyper-parameter the form can show has a label and a line of help, and every choice a readable name. */
import { describe, expect, it } from 'vitest';
import { NETWORKS, PREDICTIONS } from '../../ml/hyper';
import { hyperRange } from '../../ml/hyper-ranges';
import { presetHyper } from '../../ml/presets';
import { MODEL_KINDS, PRESETS } from '../../ml/types';
import { CHOICE_LABELS, HYPER_LABELS } from './hyper-labels';

describe('the Train form labels', () => {
  it.each(MODEL_KINDS)('name every %s hyper-parameter of every preset and network', (kind) => {
    for (const preset of PRESETS) {
      for (const network of kind === 'diffusion' ? NETWORKS : [undefined]) {
        for (const name of [...Object.keys(presetHyper(kind, preset, network)), 'resolution']) {
          const entry = HYPER_LABELS[name];
          expect(entry, `${kind} ${preset} ${network ?? ''}: ${name}`).toBeDefined();
          expect(entry!.label).not.toBe(name);
          expect(entry!.help.length).toBeGreaterThan(10);
          const range = hyperRange(kind, name);
          if (range?.type === 'choice') for (const option of range.options) expect(CHOICE_LABELS).toHaveProperty(option);
        }
      }
    }
  });

  it('name every choice of network and prediction', () => {
    for (const option of [...NETWORKS, ...PREDICTIONS]) expect(CHOICE_LABELS[option].length).toBeGreaterThan(3);
  });
});
