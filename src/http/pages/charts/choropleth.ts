/**
 * Colour classes for the results map. Five classes of equal width between the lowest and highest value (rounded to
 * whole percentage points), on a sequential single-hue scale (ColorBrewer "Blues", readable by people with
 * colour-vision deficiencies). The same scale gives the map its fills and the server-rendered legend its swatches, so
 * they cannot disagree; the legend shows each class's range in words and the table beside it has every figure.
 */
export const PALETTE = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;
export const NO_DATA = '#d9d9d9';

export interface Scale {
  /** Lower bound of each class, as a ratio 0..1; the last class runs to `max`. */
  lower: number[];
  max: number;
  colors: readonly string[];
}

export function scaleFor(values: (number | null)[]): Scale {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return { lower: [0], max: 1, colors: [PALETTE[4]] };
  const lo = Math.floor(Math.min(...present) * 100) / 100;
  const hi = Math.ceil(Math.max(...present) * 100) / 100;
  if (hi - lo < 0.05) return { lower: [lo], max: Math.max(hi, lo + 0.01), colors: [PALETTE[3]] };
  const n = PALETTE.length;
  const width = (hi - lo) / n;
  const lower = Array.from({ length: n }, (_, i) => Math.round((lo + i * width) * 1000) / 1000);
  return { lower, max: hi, colors: PALETTE };
}

export function colorOf(scale: Scale, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA;
  let k = 0;
  for (let i = 0; i < scale.lower.length; i++) if (value >= scale.lower[i]!) k = i;
  return scale.colors[k]!;
}

/** Each class as [from, to] ratios for the legend. */
export function classes(scale: Scale): { from: number; to: number; color: string }[] {
  return scale.lower.map((from, i) => ({ from, to: scale.lower[i + 1] ?? scale.max, color: scale.colors[i]! }));
}
