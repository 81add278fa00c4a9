/**
 * A small, fast, seeded pseudo-random generator (mulberry32), shared by the test corpus and the
 * benchmarks' data, so a failing corpus or a bench workbook can be regenerated from its seed.
 * @example const rand = prng(42); rand() // a number in [0, 1), the same for every run with seed 42
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
