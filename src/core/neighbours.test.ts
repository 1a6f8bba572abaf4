import { describe, expect, it } from 'vitest';
import golden from '../../goldens/neighbours-pymatgen.json';
import { NeighbourGrid, neighbourList, type NeighbourList } from './neighbours';

/** goldens/neighbours-pymatgen.json: pymatgen's get_neighbor_list on CIFs of the corpus (make_neighbour_goldens.py). */
interface GoldenCase {
  readonly file: string;
  readonly basis: number[][] | null;
  readonly cutoff: number;
  readonly parameters: number[];
  readonly matrix: number[];
  readonly frac: number[];
  readonly pairs: { centre: number[]; neighbour: number[]; image: number[]; distance: number[] };
}

/** Pairs as `centre neighbour t0 t1 t2` keys in pymatgen's golden order, with their distances. */
function sortedPairs(list: NeighbourList): { keys: string[]; distances: number[] } {
  const order = Array.from({ length: list.count }, (_, k) => k);
  const key = (k: number) => [list.centre[k]!, list.neighbour[k]!, list.image[3 * k]!, list.image[3 * k + 1]!, list.image[3 * k + 2]!];
  order.sort((p, q) => {
    const a = key(p);
    const b = key(q);
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return 0;
  });
  return { keys: order.map((k) => key(k).join(' ')), distances: order.map((k) => list.distance[k]!) };
}

describe('neighbourList against pymatgen get_neighbor_list', () => {
  for (const c of (golden as { cases: GoldenCase[] }).cases) {
    const name = `${c.file}${c.basis ? ` in the basis ${JSON.stringify(c.basis)}` : ''}, r = ${c.cutoff} Å`;
    it(`${name}: the same ${c.pairs.centre.length} pairs, images and distances`, () => {
      const list = neighbourList(c.matrix, Float64Array.from(c.frac), c.cutoff);
      const { keys, distances } = sortedPairs(list);
      const expected = c.pairs.centre.map((i, k) => [i, c.pairs.neighbour[k], ...c.pairs.image.slice(3 * k, 3 * k + 3)].join(' '));
      expect(keys).toEqual(expected);
      distances.forEach((d, k) => expect(d).toBeCloseTo(c.pairs.distance[k]!, 8));
    });
  }

  it('lists each pair from both ends, grouped by centre in site order', () => {
    const c = (golden as { cases: GoldenCase[] }).cases[2]!;
    const list = neighbourList(c.matrix, Float64Array.from(c.frac), c.cutoff);
    for (let k = 1; k < list.count; k++) expect(list.centre[k]!).toBeGreaterThanOrEqual(list.centre[k - 1]!);
    const { keys } = sortedPairs(list);
    const reversed = new Set(keys);
    for (const key of keys) {
      const [i, j, t0, t1, t2] = key.split(' ').map(Number) as [number, number, number, number, number];
      expect(reversed.has([j, i, -t0 || 0, -t1 || 0, -t2 || 0].join(' '))).toBe(true);
    }
  });
});

describe('NeighbourGrid', () => {
  const cubic = [4, 0, 0, 0, 4, 0, 0, 0, 4];

  it('finds images across the cell faces, relative to coordinates as given (not wrapped)', () => {
    const grid = new NeighbourGrid(cubic, 0.5, 2);
    grid.add(0.99, 0.5, 0.5);
    grid.add(1.5, -0.5, 0.5); // the cell's centre, one cell over along a and one back along b
    const { count, index, image, distance2 } = grid.near(0.02, 0.5, 0.5);
    expect(count).toBe(1);
    expect(index[0]).toBe(0);
    expect([...image.slice(0, 3)]).toEqual([-1, 0, 0]);
    expect(Math.sqrt(distance2[0]!)).toBeCloseTo(0.12, 12);
    const centre = grid.near(0.5, 0.5, 0.5);
    expect([centre.index[0], ...centre.image.slice(0, 3)]).toEqual([1, -1, 1, 0]);
  });

  it('firstWithin: the earliest position strictly within the cutoff', () => {
    const grid = new NeighbourGrid(cubic, 0.5, 3);
    grid.add(0.5, 0.5, 0.5);
    grid.add(0.55, 0.5, 0.5);
    grid.add(0.6, 0.5, 0.5);
    expect(grid.firstWithin(0.62, 0.5, 0.5)).toBe(0);
    expect(grid.firstWithin(0.625, 0.5, 0.5)).toBe(1); // 0.125 cells = 0.5 Å from position 0: not strictly within
    expect(grid.firstWithin(0.7, 0.5, 0.5)).toBe(2);
    expect(grid.firstWithin(0.1, 0.1, 0.1)).toBe(-1);
  });

  it('refuses a cutoff that is not a finite distance', () => {
    expect(() => new NeighbourGrid(cubic, Number.NaN, 1)).toThrow(RangeError);
    expect(() => new NeighbourGrid(cubic, -1, 1)).toThrow(RangeError);
  });
});
