/** Axis ticks shared by the studio's own plots (loss curves, number lines, colour bars) and its recharts charts. */

export interface Ticks {
  readonly values: number[];
  /** Decimal places that tell the ticks apart. */
  readonly decimals: number;
}

/** At most `count` ticks inside [lo, hi] at a step of 1, 2 or 5 times a power of ten. */
export function niceTicks(lo: number, hi: number, count: number): Ticks {
  const span = hi - lo;
  if (!(span > 0) || count < 1) return { values: [], decimals: 0 };
  const power = 10 ** Math.floor(Math.log10(span / count));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => Math.floor(hi / s) - Math.ceil(lo / s) + 1 <= count)!;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const values: number[] = [];
  for (let k = Math.ceil(lo / step); k <= Math.floor(hi / step); k++) values.push(Number((k * step).toFixed(decimals)));
  return { values, decimals };
}

/** Three significant digits, without trailing zeros, with a typographic minus. */
export const formatTick = (value: number) => Number(value.toPrecision(3)).toString().replace('-', '−');
