/** data's checkpointable PRNG: mulberry32 (from @croloss/internal) with its one-word state exposed. */
import { argumentError, mulberry32Advance, mulberry32Output } from '@croloss/internal';

/**
 * Small deterministic PRNG (mulberry32, 32-bit state, period 2^32): enough for shuffling users and
 * drawing training samples reproducibly, and its whole state is one number for checkpoints.
 */
export class SeededRandom {
  private state: number;

  /** `seed`: any integer (taken modulo 2^32). */
  constructor(seed: number, fn = 'SeededRandom', argument = 'seed') {
    if (!Number.isInteger(seed)) throw argumentError(fn, argument, 'an integer', seed);
    this.state = seed >>> 0;
  }

  /**
   * Next float, uniform on [0, 1) in steps of 2^-32.
   *
   * @example
   * ```ts
   * const random = new SeededRandom(7);
   * random.nextFloat(); // the same number on every run
   * ```
   */
  nextFloat(): number {
    this.state = mulberry32Advance(this.state);
    return mulberry32Output(this.state);
  }

  /**
   * Next integer, uniform on 0..n-1 as floor(n * nextFloat()) (bias below n / 2^32).
   *
   * @example
   * ```ts
   * new SeededRandom(7).nextInt(10); // 0..9
   * ```
   */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  /**
   * Shuffles `values` in place (Fisher-Yates) and returns it.
   *
   * @example
   * ```ts
   * new SeededRandom(1).shuffle(Int32Array.of(1, 2, 3, 4)); // a permutation of 1..4
   * ```
   */
  shuffle<T extends { length: number; [index: number]: number }>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
    return values;
  }

  /** The whole state (a uint32), for checkpoints. */
  getState(): number {
    return this.state;
  }

  /** Restores a state from {@link getState}. */
  setState(state: number, fn = 'SeededRandom.setState'): void {
    if (!(Number.isInteger(state) && state >= 0 && state < 2 ** 32)) throw argumentError(fn, 'state', 'an integer in [0, 2^32)', state);
    this.state = state;
  }
}
