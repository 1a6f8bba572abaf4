/**
 * VESTA's element colours, told apart where two elements of one crystal would not be: VESTA gives Al #81b2d6 and
 * Ca #5a96bd, two blues 11 apart in CIELAB (ΔE*ab), so that garnet's octahedra and dodecahedra look alike. Where
 * two present elements' colours are closer than MIN_DIFFERENCE, the heavier one's hue is turned (lightness and
 * chroma kept) to the nearest hue that is far enough from every colour kept before it; every other colour stays
 * VESTA's.
 */

/** ΔE*ab below which two colours are taken for one at a glance on spheres (shaded, small): a clear step, not a hint. */
export const MIN_DIFFERENCE = 20;

type Lab = readonly [number, number, number];

/** D65 white (CIE 1931 2°), the reference white of sRGB. */
const WHITE = [0.95047, 1, 1.08883] as const;
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

const toLinear = (u: number) => (u <= 0.04045 ? u / 12.92 : ((u + 0.055) / 1.055) ** 2.4);
const toGamma = (u: number) => (u <= 0.0031308 ? 12.92 * u : 1.055 * u ** (1 / 2.4) - 0.055);

/** `#rrggbb` → CIELAB (D65), through linear sRGB and XYZ (IEC 61966-2-1 matrix). */
export function labOf(hex: string): Lab {
  const [r, g, b] = [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255)) as [number, number, number];
  const xyz = [
    0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
    0.2126729 * r + 0.7151522 * g + 0.072175 * b,
    0.0193339 * r + 0.119192 * g + 0.9503041 * b,
  ];
  const [fx, fy, fz] = xyz.map((v, i) => {
    const t = v / WHITE[i]!;
    return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
  }) as [number, number, number];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIELAB → `#rrggbb`, each channel clipped into the sRGB gamut. */
export function hexOf([l, a, b]: Lab): string {
  const fy = (l + 16) / 116;
  const f = [fy + a / 500, fy, fy - b / 200];
  const [x, y, z] = f.map((v, i) => WHITE[i]! * (v ** 3 > EPSILON ? v ** 3 : (116 * v - 16) / KAPPA)) as [number, number, number];
  const rgb = [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ];
  return `#${rgb.map((u) => Math.round(255 * Math.min(1, Math.max(0, toGamma(Math.max(0, u))))).toString(16).padStart(2, '0')).join('')}`;
}

/** CIE76 colour difference ΔE*ab. */
export function colourDifference(p: string, q: string): number {
  const [l1, a1, b1] = labOf(p);
  const [l2, a2, b2] = labOf(q);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** Hue turns tried, nearest first: ±15°, ±30°, … ±180°. */
const TURNS = Array.from({ length: 12 }, (_, i) => (i + 1) * 15).flatMap((d) => [d, -d]);

/**
 * The colours to draw for `colours` (the present elements' VESTA colours, in order of atomic number): each kept
 * unless it is within MIN_DIFFERENCE of one kept before it, then turned in hue (and, where no hue will do, made
 * lighter or darker) until it is not. Where nothing is far enough the colour that comes farthest is taken.
 */
export function separatedColours(colours: readonly string[]): string[] {
  const kept: string[] = [];
  for (const colour of colours) {
    const distance = (c: string) => Math.min(Infinity, ...kept.map((k) => colourDifference(c, k)));
    if (distance(colour) >= MIN_DIFFERENCE) {
      kept.push(colour);
      continue;
    }
    const [l, a, b] = labOf(colour);
    // A grey has no hue to turn: give it some chroma first.
    const chroma = Math.max(Math.hypot(a, b), MIN_DIFFERENCE);
    const hue = Math.atan2(b, a);
    const candidates = [0, -25, 25].flatMap((dl) =>
      TURNS.map((turn) => hexOf([Math.min(95, Math.max(10, l + dl)), chroma * Math.cos(hue + (turn * Math.PI) / 180), chroma * Math.sin(hue + (turn * Math.PI) / 180)])),
    );
    kept.push(candidates.find((c) => distance(c) >= MIN_DIFFERENCE) ?? candidates.reduce((p, q) => (distance(q) > distance(p) ? q : p)));
  }
  return kept;
}
