/** The samplers' seeded, checkpointable PRNG (xoshiro128**, 128-bit state). */
import { argumentError } from '@croloss/internal';

/** The complete state of a {@link RandomStream}: four unsigned 32-bit words (xoshiro128**), JSON-safe. */
export type RandomState = [number, number, number, number];

/**
 * Seeded pseudo-random stream (xoshiro128**, period 2^128 - 1) in plain JavaScript. The same seed gives
 * the same numbers on every platform; `getState` / `setState` save and resume the exact position.
 */
export interface RandomStream {
  /** Next unsigned 32-bit integer. */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** Uniform integer in [0, n), 1 <= n <= 2^32, without modulo bias (rejection sampling). */
  nextInt(n: number): number;
  getState(): RandomState;
  setState(state: RandomState): void;
}

const TWO_32 = 4294967296;

/**
 * Creates a stream from any finite number: the seed's 64 IEEE-754 bits (little-endian) are hashed
 * into the four state words, so 1, 2, 1.5 and -1 all give unrelated streams.
 *
 * @example
 * ```ts
 * const a = createRandomStream(42);
 * const saved = a.getState();
 * const x = a.nextFloat();
 * a.setState(saved);
 * a.nextFloat() === x; // true
 * ```
 */
export function createRandomStream(seed: number, fn = 'createRandomStream'): RandomStream {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw argumentError(fn, 'seed', 'a finite number', seed);
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, seed === 0 ? 0 : seed, true); // -0 and 0 seed alike
  const low = bits.getUint32(0, true);
  const high = bits.getUint32(4, true);
  let s0 = fmix32(low ^ 0x9e3779b9);
  let s1 = fmix32(high ^ fmix32(low + 0x7f4a7c15));
  let s2 = fmix32(s0 ^ (high + 0x85ebca6b));
  let s3 = fmix32(s1 ^ (low + 0xc2b2ae35));
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  return {
    nextUint32,
    nextFloat() {
      const a = nextUint32() >>> 5; // 27 bits
      const b = nextUint32() >>> 6; // 26 bits
      return (a * 67108864 + b) / 9007199254740992;
    },
    nextInt(n) {
      // without the check, n = 0 or NaN would return NaN and a fractional n a fractional "integer"
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > TWO_32) throw argumentError(`${fn}.nextInt`, 'n', 'an integer in [1, 2^32]', n);
      const limit = TWO_32 - (TWO_32 % n);
      let x = nextUint32();
      while (x >= limit) x = nextUint32();
      return x % n;
    },
    getState: () => [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0],
    setState(state) {
      checkRandomState(fn, state);
      [s0, s1, s2, s3] = state.map((w) => w | 0);
    },
  };
}

/** Throws unless `state` is four integers in [0, 2^32), not all zero. */
export function checkRandomState(fn: string, state: unknown): asserts state is RandomState {
  const ok =
    Array.isArray(state) &&
    state.length === 4 &&
    state.every((w) => typeof w === 'number' && Number.isInteger(w) && w >= 0 && w < TWO_32) &&
    state.some((w) => w !== 0);
  if (!ok) throw argumentError(fn, 'state.rng', 'four integers in [0, 2^32), not all zero', state);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** MurmurHash3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
