/**
 * How the Compare panel draws the real set and each generated run, so that they differ in hue and in pattern and
 * stay apart in greyscale and for every common colour-vision deficiency: colours from Okabe & Ito's palette, the
 * real set a flat fill under a solid outline, each run hatched (its own angle) under its own dashed outline.
 */

/** Okabe & Ito, "Color Universal Design" (2008): colours told apart under protan, deutan and tritan vision. */
export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  vermillion: '#D55E00',
  bluishGreen: '#009E73',
  reddishPurple: '#CC79A7',
} as const;

export interface SeriesStyle {
  readonly colour: string;
  /** The outline's SVG stroke-dasharray; '' draws it solid. */
  readonly dash: string;
  /** The angle of the fill's hatching in degrees; absent for a flat fill. */
  readonly hatch?: number;
  /** Opacity of a flat fill (a hatched one draws only its lines). */
  readonly fillOpacity: number;
}

export const REAL_STYLE: SeriesStyle = { colour: OKABE_ITO.blue, dash: '', fillOpacity: 0.22 };

/**
 * Runs drawn in one chart at most: beyond four, hatchings crowd each other out. The first is orange, the palette's
 * lightest strong colour against the real set's dark blue, so that the usual one-run view differs in lightness too.
 */
const RUN_STYLES: readonly SeriesStyle[] = [
  { colour: OKABE_ITO.orange, dash: '6 3', hatch: 45, fillOpacity: 0 },
  { colour: OKABE_ITO.vermillion, dash: '2 2', hatch: -45, fillOpacity: 0 },
  { colour: OKABE_ITO.bluishGreen, dash: '8 3 2 3', hatch: 0, fillOpacity: 0 },
  { colour: OKABE_ITO.reddishPurple, dash: '1 3', hatch: 90, fillOpacity: 0 },
];

export const MAX_RUNS_SHOWN = RUN_STYLES.length;

/** The style of the `index`-th run shown (0-based, below MAX_RUNS_SHOWN). */
export function runStyle(index: number): SeriesStyle {
  const style = RUN_STYLES[index];
  if (!style) throw new RangeError(`run ${index}: the Compare panel draws at most ${MAX_RUNS_SHOWN} runs in one chart`);
  return style;
}
