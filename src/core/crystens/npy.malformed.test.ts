/**
 * Malformed .npy headers are refused with a reason (issue 12), by readNpy and by `crystens decode` (exit 2, one
 * line), never read as a count of 0.5 or null. numpy, the format's owner, refuses the same files (checked live
 * where /usr/bin/python3 is present).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { crysTensBatch, readNpy } from './npy';

/** A version-1 .npy with `dict` as its header (padded as numpy pads it) and `dataBytes` zero bytes after it. */
function npyWithHeader(dict: string, dataBytes = 64 * 64 * 4 * 4): Uint8Array {
  let header = dict;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + dataBytes);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  return out;
}

const dict = (shape: string, descr = '<f4') => `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape}), }`;

/** Header → the reason readNpy gives. */
const MALFORMED: Record<string, string> = {
  [dict('0.5, 64, 64, 4')]: "shape (0.5, 64, 64, 4) has a dimension '0.5' that is not a whole number of entries",
  [dict('abc, 64, 64, 4')]: "shape (abc, 64, 64, 4) has a dimension 'abc' that is not a whole number of entries",
  [dict('-1, 64, 64, 4')]: "shape (-1, 64, 64, 4) has a dimension '-1' that is not a whole number of entries",
  [dict('1, 64, 64, 4', '<i4')]: "dtype <i4: expected little-endian float32 ('<f4') or float64 ('<f8')",
  [dict('1, 64, 64, 4', '>f4')]: "dtype >f4: expected little-endian float32 ('<f4') or float64 ('<f8')",
  [dict('99999999, 64, 64, 4')]: 'truncated: shape 99999999×64×64×4 needs 6553599934464 bytes of data, found 65536',
};

describe('malformed .npy headers', () => {
  it('are refused with the reason, the good file beside them read', () => {
    for (const [header, reason] of Object.entries(MALFORMED)) expect(() => readNpy(npyWithHeader(header)), header).toThrow(reason);
    expect(readNpy(npyWithHeader(dict('1, 64, 64, 4'))).shape).toEqual([1, 64, 64, 4]);
    expect(() => crysTensBatch(readNpy(npyWithHeader(dict('0, 64, 64, 4'), 0)), false)).toThrow('shape (0, 64, 64, 4) holds no tensors');
  });

  it.skipIf(!existsSync('/usr/bin/python3'))('are refused by numpy too, which reads the good one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npy-bad-'));
    const files = Object.keys(MALFORMED).map((header, i) => {
      const path = join(dir, `${i}.npy`);
      writeFileSync(path, npyWithHeader(header));
      return path;
    });
    writeFileSync(join(dir, 'good.npy'), npyWithHeader(dict('1, 64, 64, 4')));
    // '<i4' and '>f4' are valid numpy dtypes (ours takes floats, little-endian): numpy loads them. numpy also
    // loads a -1 dimension as reshape's "as many as the data hold"; we refuse it: a header states its shape.
    const script = `import numpy as np, sys
for p in sys.argv[1:]:
    try: print(np.load(p).shape)
    except Exception as e: print('refused')`;
    const out = execFileSync('/usr/bin/python3', ['-c', script, ...files, join(dir, 'good.npy')], { encoding: 'utf8' }).trim().split('\n');
    expect(out).toEqual(['refused', 'refused', '(1, 64, 64, 4)', '(1, 64, 64, 4)', '(1, 64, 64, 4)', 'refused', '(1, 64, 64, 4)']);
  });

  it('make `crystens decode` exit 2 with one line naming the file, never 0 with a count of 0.5', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decode-bad-'));
    const npy = join(dir, 'half.npy');
    writeFileSync(npy, npyWithHeader(dict('0.5, 64, 64, 4')));
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ normalization: { lengthBound: 10 } }));
    let stdout = '';
    let stderr = '';
    const status = await main(['decode', npy, '--meta', join(dir, 'meta.json'), '--out', join(dir, 'out')], (s) => (stdout += s), (s) => (stderr += s));
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${npy}: shape (0.5, 64, 64, 4) has a dimension '0.5' that is not a whole number of entries`);
  });
});
