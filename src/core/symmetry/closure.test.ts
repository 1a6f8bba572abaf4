import { beforeAll, describe, expect, it } from 'vitest';
import { checkClosure } from './closure';
import { operationsOfHallNumber } from './moyo';
import { initMoyoNode } from './moyo-node';
import { parseSymOp } from './operation';

beforeAll(initMoyoNode);

describe('checkClosure', () => {
  it("finds every one of moyo's 530 Hall settings a group, and none with an operation left out", () => {
    const missed: number[] = [];
    const passedShort: number[] = [];
    for (let hall = 1; hall <= 530; hall++) {
      const ops = operationsOfHallNumber(hall);
      if (checkClosure(ops).kind !== 'group') missed.push(hall);
      // A subgroup's order divides the group's, so n - 1 operations of a group of n > 2 are no group.
      if (ops.length > 2 && checkClosure(ops.slice(0, -1)).kind === 'group') passedShort.push(hall);
    }
    expect(missed).toEqual([]);
    expect(passedShort).toEqual([]);
  });

  it('takes translations written to four decimals (0.3333 for 1/3) as the exact ones', () => {
    const p31 = ['x,y,z', '-y,x-y,z+0.3333', '-x+y,-x,z+0.6667'].map(parseSymOp);
    expect(checkClosure(p31)).toEqual({ kind: 'group' });
  });

  it('refuses more distinct rotations than any point group has, without multiplying them', () => {
    const ops = Array.from({ length: 49 }, (_, i) => parseSymOp(`x+${i}y,y,z`));
    expect(checkClosure(ops)).toEqual({ kind: 'not-a-group', reason: 'they hold 49 distinct rotations, more than the 48 of any crystallographic point group' });
  });

  it('samples a list past its product budget and says so when the sample finds no fault', () => {
    const ops = ['x,y,z', 'x+1/2,y+1/2,z', 'x+1/2,y,z+1/2', 'x,y+1/2,z+1/2'].map(parseSymOp);
    expect(checkClosure(ops, 15)).toEqual({
      kind: 'unchecked',
      reason: '4 operations have 16 products, more than the 15 checked; the 8 sampled are all listed',
    });
  });
});
