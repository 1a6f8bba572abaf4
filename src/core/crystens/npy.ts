/**
 * NumPy .npy files of float32 tensors (format versions 1–3, little-endian, C order), for [N, 64, 64, 4] and the
 * authors' channels-first [N, 4, 64, 64] (converted by an explicit transpose, never a reshape).
 */
import { ENTRIES, LAYERS, SIZE } from './layout';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export interface NpyArray {
  readonly shape: number[];
  readonly data: Float32Array;
}

export function writeNpy(shape: readonly number[], data: Float32Array): Uint8Array {
  const count = shape.reduce((p, d) => p * d, 1);
  if (count !== data.length) throw new RangeError(`shape ${shape.join('×')} holds ${count} values, not ${data.length}`);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  // The header (with magic, version and length: 10 bytes) is padded to a multiple of 64 and ends in a newline.
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const body = new DataView(out.buffer, 10 + header.length);
  for (let i = 0; i < data.length; i++) body.setFloat32(4 * i, data[i]!, true);
  return out;
}

/** Reads a float32 or float64 .npy (float64 is narrowed to float32); throws an Error saying what is wrong. */
export function readNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not a .npy file (no \\x93NUMPY magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new Error(`unsupported .npy format version ${major}`);
  const start = major === 1 ? 10 : 12;
  if (bytes.length < start) throw new Error('truncated: the file ends inside its header length');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (start + headerLength > bytes.length) throw new Error(`truncated: the header is ${headerLength} bytes, the file holds ${bytes.length - start} after the magic`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new Error(`unreadable .npy header: ${shortened(header.trim())}`);
  if (fortran === 'True') throw new Error('Fortran-ordered arrays are not supported; save with C order');
  const shape = readShape(shapeText);
  const size = descr === '<f4' ? 4 : descr === '<f8' ? 8 : 0;
  if (!size) throw new Error(`dtype ${shortened(descr)}: expected little-endian float32 ('<f4') or float64 ('<f8')`);
  const count = shape.reduce((p, d) => p * d, 1);
  const offset = start + headerLength;
  if (bytes.length - offset < count * size) throw new Error(`truncated: shape ${shape.join('×')} needs ${count * size} bytes of data, found ${bytes.length - offset}`);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = size === 4 ? view.getFloat32(offset + 4 * i, true) : view.getFloat64(offset + 8 * i, true);
  return { shape, data };
}

/**
 * The dimensions of a header's shape tuple (`2, 64, 64, 4` or `5,`): each a whole number written in digits, as
 * numpy writes them; numpy itself refuses `0.5`, `abc` and `-1` on loading.
 */
function readShape(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.at(-1) === '') parts.pop(); // a one-element tuple's trailing comma
  const shape = parts.map((part) => {
    if (!/^\d{1,15}$/.test(part)) throw new Error(`shape (${shortened(text)}) has a dimension '${shortened(part)}' that is not a whole number of entries`);
    return Number(part);
  });
  if (shape.reduce((p, d) => p * d, 1) > Number.MAX_SAFE_INTEGER) throw new Error(`shape (${shortened(text)}) holds more entries than any file can`);
  return shape;
}

/** Header text for a message, shortened (a hostile header may be megabytes). */
function shortened(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** [N, 4, 64, 64] → [N, 64, 64, 4]. */
export function channelsFirstToLast(data: Float32Array, count: number): Float32Array {
  const out = new Float32Array(count * ENTRIES);
  const plane = SIZE * SIZE;
  for (let n = 0; n < count; n++) {
    const base = n * ENTRIES;
    for (let k = 0; k < LAYERS; k++) {
      for (let p = 0; p < plane; p++) out[base + p * LAYERS + k] = data[base + k * plane + p]!;
    }
  }
  return out;
}

/** Checks an array's shape and returns its tensors channels-last. */
export function crysTensBatch(array: NpyArray, channelsFirst: boolean): { count: number; data: Float32Array } {
  const [count, ...rest] = array.shape;
  const expected = channelsFirst ? [LAYERS, SIZE, SIZE] : [SIZE, SIZE, LAYERS];
  if (count === undefined || rest.join() !== expected.join()) {
    throw new Error(`shape (${array.shape.join(', ')}) is not [N, ${expected.join(', ')}]${channelsFirst ? '' : ' (try --channels-first for the authors’ layout)'}`);
  }
  if (count === 0) throw new Error(`shape (${array.shape.join(', ')}) holds no tensors`);
  return { count, data: channelsFirst ? channelsFirstToLast(array.data, count) : array.data };
}
