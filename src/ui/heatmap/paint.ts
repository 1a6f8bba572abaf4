import { COLORMAP_SIZE, type Colormap } from './colormap';

/** A value range [lo, hi] mapped onto the whole colour map. */
export type ValueRange = readonly [lo: number, hi: number];

/**
 * Paints a row-major matrix into RGBA pixels, one pixel per cell (`pixels` has 4 bytes per value, as
 * ImageData.data does). Values outside the range take the end colours; non-finite values stay transparent.
 *
 * One pass over a typed array: each pixel is a single 32-bit copy from the colour table. Copying 4 bytes as
 * one word keeps their order whatever the platform's endianness, since both sides are views of byte arrays.
 */
export function paintMatrix(
  pixels: Uint8ClampedArray,
  values: ArrayLike<number>,
  range: ValueRange,
  map: Colormap,
): void {
  const n = values.length;
  if (pixels.length !== 4 * n) {
    throw new RangeError(`${n} values need ${4 * n} pixel bytes, not ${pixels.length}`);
  }
  const out = new Uint32Array(pixels.buffer, pixels.byteOffset, n);
  const table = new Uint32Array(map.table.buffer, map.table.byteOffset, COLORMAP_SIZE);
  const [lo, hi] = range;
  const last = COLORMAP_SIZE - 1;
  // A degenerate range paints everything with the middle colour.
  const scale = hi > lo ? last / (hi - lo) : 0;
  const offset = hi > lo ? -lo * scale : last / 2;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      out[i] = 0;
      continue;
    }
    const t = Math.round(v * scale + offset);
    out[i] = table[t < 0 ? 0 : t > last ? last : t]!;
  }
}
