import { describe, expect, it } from 'vitest';
import { handBuiltCrystal } from '../core/testing/hand-built';
import { formulaText } from './formula-text';

const cube = { a: 5.64, b: 5.64, c: 5.64, alpha: 90, beta: 90, gamma: 90 };

describe('formulaText', () => {
  it('reads the reduced formula first and the cell beside it (rock salt: NaCl, 4 formula units)', () => {
    const na = [[0, 0, 0], [0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]] as const;
    const rockSalt = handBuiltCrystal(cube, [
      ...na.map((f) => ['Cl', [f[0] + 0.5, f[1], f[2]] as const] as const),
      ...na.map((f) => ['Na', f] as const),
    ]);
    expect(formulaText(rockSalt)).toBe('NaCl (cell Na4 Cl4)');
  });

  it('leaves the cell out when it holds one formula unit', () => {
    const perovskite = handBuiltCrystal({ ...cube, a: 3.9, b: 3.9, c: 3.9 }, [
      ['Ti', [0.5, 0.5, 0.5]], ['O', [0.5, 0.5, 0]], ['O', [0.5, 0, 0.5]], ['O', [0, 0.5, 0.5]], ['Sr', [0, 0, 0]],
    ]);
    expect(formulaText(perovskite)).toBe('SrTiO3');
  });
});
