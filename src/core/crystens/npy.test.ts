import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/corpus';
import { crysTensBatch, readNpy, writeNpy } from './npy';

describe('.npy', () => {
  it("reads numpy's own file and transposes the authors' channels-first layout entry by entry", () => {
    // goldens/npy/channels-first.npy (goldens/make_npy_goldens.py): value n*1000 + k*100 + r + c/100 at [n, k, r, c].
    const array = readNpy(readFileSync(resolve(REPO_ROOT, 'goldens/npy/channels-first.npy')));
    expect(array.shape).toEqual([2, 4, 64, 64]);
    const { count, data } = crysTensBatch(array, true);
    expect(count).toBe(2);
    const wrong: string[] = [];
    for (let n = 0; n < 2; n++) for (let r = 0; r < 64; r++) for (let c = 0; c < 64; c++) for (let k = 0; k < 4; k++) {
      const v = data[(((n * 64 + r) * 64 + c) * 4) + k]!;
      if (v !== Math.fround(n * 1000 + k * 100 + r + c / 100)) wrong.push(`[${n}, ${r}, ${c}, ${k}] = ${v}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(() => crysTensBatch(array, false)).toThrow(/not \[N, 64, 64, 4\].*--channels-first/);
  });

  it('writes what it reads, with a 64-byte aligned header', () => {
    const data = Float32Array.from({ length: 2 * 64 * 64 * 4 }, (_, i) => i / 7);
    const bytes = writeNpy([2, 64, 64, 4], data);
    expect((bytes.length - data.byteLength) % 64).toBe(0);
    expect(readNpy(bytes)).toEqual({ shape: [2, 64, 64, 4], data });
  });

  it.skipIf(!existsSync('/usr/bin/python3'))('writes files numpy reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npy-'));
    writeFileSync(join(dir, 'x.npy'), writeNpy([3, 2], Float32Array.from([1, 2, 3, 4, 5, 6.5])));
    const out = execFileSync('/usr/bin/python3', ['-c', `import numpy as np; a = np.load('${join(dir, 'x.npy')}'); print(a.dtype, a.shape, a.flags['C_CONTIGUOUS'], a.tolist())`], { encoding: 'utf8' });
    expect(out.trim()).toBe('float32 (3, 2) True [[1.0, 2.0], [3.0, 4.0], [5.0, 6.5]]');
  });

  it('says what is wrong with a file it cannot read', () => {
    expect(() => readNpy(new TextEncoder().encode('hello world'))).toThrow(/not a \.npy file/);
    const good = writeNpy([4], Float32Array.from([1, 2, 3, 4]));
    expect(() => readNpy(good.subarray(0, good.length - 4))).toThrow(/truncated/);
  });
});
