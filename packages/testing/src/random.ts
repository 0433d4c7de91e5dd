/** Seeded random test data (uniform, normal), drawn from the project's one small PRNG, mulberry32. */
import { mulberry32 } from '@croloss/internal';

export { mulberry32 };

/** n floats uniform in [low, high), seeded. */
export function randomUniformArray(seed: number, n: number, low = 0, high = 1): Float64Array {
  const rand = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = low + (high - low) * rand();
  return out;
}

/** n floats ~ N(mean, std^2), seeded (Box-Muller). */
export function randomNormalArray(seed: number, n: number, mean = 0, std = 1): Float64Array {
  const rand = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = Math.max(rand(), 1e-12);
    out[i] = mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  }
  return out;
}
