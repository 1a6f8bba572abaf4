/** Axis ticks shared by the studio's own plots (loss curves, number lines, colour bars) and its recharts charts. */

export interface Ticks {
  readonly values: number[];
  /** Decimal places that tell the ticks apart. */
  readonly decimals: number;
}

export interface TickOptions {
  /** Whole-number steps only: counts, atomic numbers, space-group numbers, training steps. */
  readonly integer?: boolean;
}

/** Round steps: 1, 2, 2.5 or 5 times a power of ten, the finest first (2.5 keeps quarters, 0, 25, 50, 75, 100). */
const MULTIPLES = [1, 2, 2.5, 5];
/** Decades tried above the first guess before giving up (a step ten decades coarser than span / count fits). */
const DECADES = 10;
/** Rounding slack, so that 0.6 / 0.2 = 2.9999999999999996 still counts as a tick at 0.6. */
const SLACK = 1e-9;

/** At most `count` ticks inside [lo, hi] at a round step. */
export function niceTicks(lo: number, hi: number, count: number, options: TickOptions = {}): Ticks {
  return roundTicks(lo, hi, count, options, false);
}

/**
 * At most `count` ticks at a round step whose first is at or below `lo` and last at or above `hi`: an axis that
 * ends on them (a density axis from 0 to 0.5 rather than to 0.47) has a labelled value at each end.
 */
export function enclosingTicks(lo: number, hi: number, count: number, options: TickOptions = {}): Ticks {
  return roundTicks(lo, hi, count, options, true);
}

function roundTicks(lo: number, hi: number, count: number, { integer = false }: TickOptions, enclose: boolean): Ticks {
  const span = hi - lo;
  if (!(span > 0) || count < 1) return { values: [], decimals: 0 };
  const first = Math.floor(Math.log10(span / count));
  for (let exponent = first; exponent < first + DECADES; exponent++) {
    for (const multiple of MULTIPLES) {
      const step = multiple * 10 ** exponent;
      if (integer && !Number.isInteger(step)) continue;
      const from = enclose ? Math.floor(lo / step + SLACK) : Math.ceil(lo / step - SLACK);
      const to = enclose ? Math.ceil(hi / step - SLACK) : Math.floor(hi / step + SLACK);
      if (to - from + 1 > count) continue;
      const decimals = decimalsOf(step);
      const values: number[] = [];
      for (let k = from; k <= to; k++) values.push(Number((k * step).toFixed(decimals)));
      return { values, decimals };
    }
  }
  return { values: [], decimals: 0 };
}

/** Decimal places of a round step: 0.25 → 2, 2.5 → 1, 0.2 → 1, 50 → 0. */
function decimalsOf(step: number): number {
  for (let decimals = 0; decimals < 20; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < SLACK * Math.max(1, scaled)) return decimals;
  }
  return 20;
}

/** Three significant digits, without trailing zeros, with a typographic minus. */
export const formatTick = (value: number) => Number(value.toPrecision(3)).toString().replace('-', '−');
