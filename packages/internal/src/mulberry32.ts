/** The project's small seeded PRNG (mulberry32): one state word, for data's SeededRandom and the tests' random data. */

/** The state after one step of mulberry32 (a Weyl sequence on 32 bits). */
export function mulberry32Advance(state: number): number {
  return (state + 0x6d2b79f5) >>> 0;
}

/** The float in [0, 1) (steps of 2^-32) mulberry32 outputs for an advanced state. */
export function mulberry32Output(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * A seeded stream of floats in [0, 1): mulberry32 (32-bit state, period 2^32). The seed is taken modulo 2^32.
 *
 * @example
 * ```ts
 * const rand = mulberry32(7);
 * rand(); // the same number on every run and platform
 * ```
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = mulberry32Advance(state);
    return mulberry32Output(state);
  };
}
