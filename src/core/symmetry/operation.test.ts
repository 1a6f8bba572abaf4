import { describe, expect, it } from 'vitest';
import { applySymOp, formatSymOp, parseSymOp } from './operation';

describe('parseSymOp', () => {
  it.each([
    ['x,y,z', [1, 0, 0, 0, 1, 0, 0, 0, 1], [0, 0, 0]],
    ['-x+1/2, y, -z', [-1, 0, 0, 0, 1, 0, 0, 0, -1], [0.5, 0, 0]],
    ["'1/2+X,-Y,Z'", [1, 0, 0, 0, -1, 0, 0, 0, 1], [0.5, 0, 0]],
    ['0.5-x, x-y, z+0.25', [-1, 0, 0, 1, -1, 0, 0, 0, 1], [0.5, 0, 0.25]],
    ['+X,+Y,+Z', [1, 0, 0, 0, 1, 0, 0, 0, 1], [0, 0, 0]],
    ['-y+x, x, z+3/2', [1, -1, 0, 1, 0, 0, 0, 0, 1], [0, 0, 1.5]],
    ['x,y,z,+1', [1, 0, 0, 0, 1, 0, 0, 0, 1], [0, 0, 0]],
    ['-x,-y,-z,-1', [-1, 0, 0, 0, -1, 0, 0, 0, -1], [0, 0, 0]],
  ])('reads %s', (text, rotation, translation) => {
    const op = parseSymOp(text);
    expect(op.rotation).toEqual(rotation);
    expect(op.translation.map((t) => t + 0)).toEqual(translation);
  });

  it.each(['x,y', 'x,y,z,w', 'x,,z', 'x+a,y,z', 'x y,y,z', 'process.exit(),y,z', 'x,y,1/0z'])('refuses %s with a message', (text) => {
    expect(() => parseSymOp(text)).toThrow(/symmetry operation/);
  });

  it('formats what it parses', () => {
    for (const text of ['-x+1/2, y, -z', 'x-y, x, z+1/6', '-y+2/3, -x+1/3, z+1/3']) {
      const op = parseSymOp(text);
      expect(parseSymOp(formatSymOp(op))).toEqual({ ...op, translation: op.translation.map((t) => t - Math.floor(t)) });
    }
  });

  it('applies an operation to a position', () => {
    expect(applySymOp(parseSymOp('-y, x-y, z+1/2'), [0.1, 0.2, 0.3])).toEqual([-0.2, -0.1, 0.8]);
  });
});
