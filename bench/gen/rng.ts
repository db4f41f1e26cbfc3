/**
 * A small seeded PRNG (mulberry32) so the synthetic national file is the same bytes on every run and every machine:
 * a benchmark compares like with like only if its input is fixed.
 */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` into `parts` positive integers (multinomial on the remainder), deterministic for a given rng. */
export function partition(total: number, parts: number, rng: Rng, max = Infinity): number[] {
  if (parts > total) throw new Error(`cannot split ${total} into ${parts} positive parts`);
  const out = new Array<number>(parts).fill(1);
  let left = total - parts;
  while (left > 0) {
    const i = Math.floor(rng() * parts);
    if (out[i]! < max) {
      out[i]!++;
      left--;
    }
  }
  return out;
}
