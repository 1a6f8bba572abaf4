/**
 * Colour maps for heatmaps: 256-entry RGBA lookup tables, so that painting a cell is one table read.
 *
 * - `viridis` (sequential, for values in [0, 1] such as CrysTens entries): the degree-6 minimax polynomial
 *   fit by Matt Zucker (CC0, shadertoy WlfXRN) to matplotlib's viridis data. Every entry is within 4/255 per
 *   channel of matplotlib's table (largest near the yellow end), which is not visible in a heatmap.
 * - `diverging` (for signed values such as Δ in [−1, 1]): Kenneth Moreland's cool-to-warm map ("Diverging
 *   Color Maps for Scientific Visualization", 2009), interpolated in his Msh space through a neutral
 *   white-grey midpoint, so that equal steps away from zero look equally strong on both sides.
 */

export type ColormapName = 'viridis' | 'diverging';

/** Number of entries of every table. */
export const COLORMAP_SIZE = 256;

export interface Colormap {
  readonly name: ColormapName;
  /** COLORMAP_SIZE entries of r, g, b, a bytes (a is always 255). */
  readonly table: Uint8ClampedArray;
}

type Rgb = readonly [number, number, number];

function tabulate(name: ColormapName, colorAt: (t: number) => Rgb): Colormap {
  const table = new Uint8ClampedArray(COLORMAP_SIZE * 4);
  for (let i = 0; i < COLORMAP_SIZE; i++) {
    const [r, g, b] = colorAt(i / (COLORMAP_SIZE - 1));
    // Uint8ClampedArray rounds and clamps each channel.
    table.set([r * 255, g * 255, b * 255, 255], i * 4);
  }
  return { name, table };
}

// --- viridis -------------------------------------------------------------------------------------------

/** Polynomial coefficients c0..c6 per channel (r, g, b). */
const VIRIDIS_COEFFICIENTS: readonly Rgb[] = [
  [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
  [0.1050930431085774, 1.404613529898575, 1.384590162594685],
  [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
  [-4.634230498983486, -5.799100973351585, -19.33244095627987],
  [6.228269936347081, 14.17993336680509, 56.69055260068105],
  [4.776384997670288, -13.74514537774601, -65.35303263337234],
  [-5.435455855934631, 4.645852612178535, 26.3124352495832],
];

function viridisAt(t: number): Rgb {
  const channel = (c: 0 | 1 | 2) => {
    let v = 0;
    // Horner's scheme, highest degree first.
    for (let d = VIRIDIS_COEFFICIENTS.length - 1; d >= 0; d--) v = v * t + VIRIDIS_COEFFICIENTS[d]![c];
    return v;
  };
  return [channel(0), channel(1), channel(2)];
}

// --- Moreland's cool-to-warm ---------------------------------------------------------------------------

/** Moreland's end points, sRGB in [0, 1]. */
const COOL: Rgb = [59 / 255, 76 / 255, 192 / 255];
const WARM: Rgb = [180 / 255, 4 / 255, 38 / 255];
/** Magnitude of the neutral midpoint in Msh space (Moreland: 88, a light grey). */
const MIDPOINT_MAGNITUDE = 88;
/** D65 reference white in XYZ, as Moreland uses it. */
const WHITE: Rgb = [0.9505, 1.0, 1.089];

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
const labF = (x: number) => (x > 0.008856 ? Math.cbrt(x) : 7.787 * x + 16 / 116);
const labFInverse = (y: number) => (y > 0.20689 ? y ** 3 : (y - 16 / 116) / 7.787);

/** sRGB → CIELAB → Msh (magnitude, saturation, hue). */
function rgbToMsh([r, g, b]: Rgb): Rgb {
  const [lr, lg, lb] = [toLinear(r), toLinear(g), toLinear(b)];
  const x = labF((0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / WHITE[0]);
  const y = labF((0.2126 * lr + 0.7152 * lg + 0.0722 * lb) / WHITE[1]);
  const z = labF((0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / WHITE[2]);
  const [L, A, B] = [116 * y - 16, 500 * (x - y), 200 * (y - z)];
  const m = Math.hypot(L, A, B);
  return [m, Math.acos(L / m), Math.atan2(B, A)];
}

function mshToRgb([m, s, h]: Rgb): Rgb {
  const L = m * Math.cos(s);
  const A = m * Math.sin(s) * Math.cos(h);
  const B = m * Math.sin(s) * Math.sin(h);
  const y = (L + 16) / 116;
  const X = WHITE[0] * labFInverse(y + A / 500);
  const Y = WHITE[1] * labFInverse(y);
  const Z = WHITE[2] * labFInverse(y - B / 200);
  return [
    fromLinear(3.2406 * X - 1.5372 * Y - 0.4986 * Z),
    fromLinear(-0.9689 * X + 1.8758 * Y + 0.0415 * Z),
    fromLinear(0.0557 * X - 0.204 * Y + 1.057 * Z),
  ];
}

/** Hue for the unsaturated end of a segment, so that the hue does not spin visibly near the neutral point. */
function adjustedHue([m, s, h]: Rgb, unsaturatedMagnitude: number): number {
  if (m >= unsaturatedMagnitude) return h;
  const spin = (s * Math.sqrt(unsaturatedMagnitude ** 2 - m ** 2)) / (m * Math.sin(s));
  return h > -Math.PI / 3 ? h + spin : h - spin;
}

const COOL_MSH = rgbToMsh(COOL);
const WARM_MSH = rgbToMsh(WARM);
const NEUTRAL_MAGNITUDE = Math.max(COOL_MSH[0], WARM_MSH[0], MIDPOINT_MAGNITUDE);

const mixMsh = (a: Rgb, b: Rgb, u: number): Rgb => [
  (1 - u) * a[0] + u * b[0],
  (1 - u) * a[1] + u * b[1],
  (1 - u) * a[2] + u * b[2],
];

/**
 * Moreland's interpolation between two saturated colours of distant hue: each half runs between one end and
 * the neutral midpoint (saturation 0), whose hue is borrowed from that half's saturated end.
 */
function coolWarmAt(t: number): Rgb {
  if (t < 0.5) {
    const neutral: Rgb = [NEUTRAL_MAGNITUDE, 0, adjustedHue(COOL_MSH, NEUTRAL_MAGNITUDE)];
    return mshToRgb(mixMsh(COOL_MSH, neutral, 2 * t));
  }
  const neutral: Rgb = [NEUTRAL_MAGNITUDE, 0, adjustedHue(WARM_MSH, NEUTRAL_MAGNITUDE)];
  return mshToRgb(mixMsh(neutral, WARM_MSH, 2 * t - 1));
}

// --- the maps ------------------------------------------------------------------------------------------

export const viridis: Colormap = tabulate('viridis', viridisAt);
export const diverging: Colormap = tabulate('diverging', coolWarmAt);

export const colormaps: Readonly<Record<ColormapName, Colormap>> = { viridis, diverging };

/** CSS colour of table entry i. */
export function cssColor(map: Colormap, i: number): string {
  const t = map.table;
  return `rgb(${t[i * 4]} ${t[i * 4 + 1]} ${t[i * 4 + 2]})`;
}

/** A CSS `linear-gradient` through the map from `direction`'s start to its end (for colour bars). */
export function cssGradient(map: Colormap, direction = 'to right', stops = 32): string {
  const parts: string[] = [];
  for (let s = 0; s < stops; s++) {
    const i = Math.round((s / (stops - 1)) * (COLORMAP_SIZE - 1));
    parts.push(`${cssColor(map, i)} ${((100 * s) / (stops - 1)).toFixed(1)}%`);
  }
  return `linear-gradient(${direction}, ${parts.join(', ')})`;
}
