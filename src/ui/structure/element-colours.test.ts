import { describe, expect, it } from 'vitest';
import { elementBySymbol } from '../../core/elements';
import { colourDifference, hexOf, labOf, MIN_DIFFERENCE, separatedColours } from './element-colours';

const vesta = (symbol: string) => elementBySymbol(symbol)!.colorVesta;

describe('element colours', () => {
  it('CIELAB of sRGB primaries and white as Bruce Lindbloom\'s calculator gives them (D65)', () => {
    const expectLab = (hex: string, lab: [number, number, number]) => labOf(hex).forEach((x, i) => expect(x).toBeCloseTo(lab[i]!, 2));
    expectLab('#ff0000', [53.2408, 80.0925, 67.2032]);
    expectLab('#00ff00', [87.7347, -86.1827, 83.1793]);
    expectLab('#0000ff', [32.2970, 79.1875, -107.8602]);
    expectLab('#ffffff', [100, 0, 0]);
    for (const hex of ['#81b2d6', '#5a96bd', '#b57100']) expect(hexOf(labOf(hex))).toBe(hex);
  });

  it('garnet (O, Al, Si, Ca): VESTA\'s Al and Ca are 11 apart; Ca is turned away from Al, the rest stay VESTA\'s', () => {
    const garnet = ['O', 'Al', 'Si', 'Ca'].map(vesta);
    expect(colourDifference(vesta('Al'), vesta('Ca'))).toBeCloseTo(11.3, 1);
    const drawn = separatedColours(garnet);
    expect(drawn.slice(0, 3)).toEqual(garnet.slice(0, 3));
    expect(drawn[3]).not.toBe(vesta('Ca'));
    for (let i = 0; i < drawn.length; i++) {
      for (let j = 0; j < i; j++) expect(colourDifference(drawn[i]!, drawn[j]!)).toBeGreaterThanOrEqual(MIN_DIFFERENCE);
    }
    // Turned in hue, not washed out: its lightness within a few units of VESTA's Ca.
    expect(Math.abs(labOf(drawn[3]!)[0] - labOf(vesta('Ca'))[0])).toBeLessThan(5);
  });

  it('colours already apart are left as VESTA has them (rock salt, olivine, perovskite)', () => {
    for (const elements of [['Na', 'Cl'], ['Li', 'O', 'P', 'Fe'], ['O', 'Ti', 'Sr']]) {
      expect(separatedColours(elements.map(vesta))).toEqual(elements.map(vesta));
    }
  });
});
