import { beforeAll, describe, expect, it } from 'vitest';
import { allHallEntries, operationsOfHallNumber } from './moyo';
import { initMoyoNode } from './moyo-node';
import { hallNumberFromHallSymbol, hallNumberFromHermannMauguin, operationsFromHermannMauguin } from './setting';

const hallOf = (symbol: string) => {
  const n = hallNumberFromHermannMauguin(symbol);
  return n === undefined ? undefined : { number: allHallEntries()[n - 1]!.number, setting: allHallEntries()[n - 1]!.setting };
};

describe('space-group settings from symbols', () => {
  beforeAll(initMoyoNode);

  it.each([
    ['P 1', 1, ''],
    ['P-1', 2, ''],
    ['P 21/c', 14, 'b1'],
    ['P 1 21/n 1', 14, 'b2'],
    ['P 21/n', 14, 'b2'],
    ['Pnma', 62, ''],
    ['P b n m', 62, 'cab'],
    ['F m -3 m', 225, ''],
    ['Fm3m', 225, ''],
    ['F d -3 m', 227, '2'],
    ['F d -3 m:1', 227, '1'],
    ['F d -3 m {origin @ centre (-3m)}', 227, '2'],
    ['R 3 :H', 146, 'H'],
    ['R -3 m:R', 166, 'R'],
    ['P 63/m m c', 194, ''],
    ['I 1 2/a 1', 15, 'b3'],
  ])('%s is number %i (setting %s)', (symbol, number, setting) => {
    expect(hallOf(symbol)).toEqual({ number, setting });
  });

  it('refuses what names no setting', () => {
    expect(hallNumberFromHermannMauguin('Xmc21')).toBeUndefined();
    expect(hallNumberFromHermannMauguin('')).toBeUndefined();
  });

  it('reads Hall symbols', () => {
    expect(allHallEntries()[hallNumberFromHallSymbol('-P 2ybc')! - 1]!.number).toBe(14);
    expect(allHallEntries()[hallNumberFromHallSymbol('-F 4vw 2vw 3')! - 1]!.setting).toBe('2');
    expect(hallNumberFromHallSymbol('not a hall symbol')).toBeUndefined();
  });

  it('builds non-standard centrings from the primitive group (C-1 has twice the operations of P-1)', () => {
    const c = operationsFromHermannMauguin('C -1')!;
    expect(c.number).toBe(2);
    expect(c.operations).toHaveLength(4);
    expect(c.operations.some((op) => op.translation[0] === 0.5 && op.translation[1] === 0.5)).toBe(true);
  });

  it('gives operations in row-major order (a 6-fold axis of P6/mmm maps (x, y) to (x−y, x))', () => {
    const ops = operationsOfHallNumber(hallNumberFromHermannMauguin('P 6/m m m')!);
    expect(ops.some((op) => op.rotation.join() === [1, -1, 0, 1, 0, 0, 0, 0, 1].join())).toBe(true);
  });
});
