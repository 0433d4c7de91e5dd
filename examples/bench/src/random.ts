/** Seeded data for the workloads, drawn on the CPU in plain JavaScript (the library's xoshiro128** stream). */
import { createRandomStream, type RandomStream } from '@croloss/sampling';

/** Seeded data for the workloads, drawn on the CPU in plain JavaScript (the library's xoshiro128** stream). */
export function stream(seed: number): RandomStream {
  return createRandomStream(seed);
}

/** `count` ids uniform in 1..numItems. */
export function randomIds(rng: RandomStream, count: number, numItems: number): Int32Array {
  const ids = new Int32Array(count);
  for (let i = 0; i < count; i++) ids[i] = 1 + rng.nextInt(numItems);
  return ids;
}

/** `count` N(0, 1) draws (Box-Muller) as float32. */
export function randomNormal(rng: RandomStream, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u1 = 1 - rng.nextFloat(); // (0, 1]
    const u2 = rng.nextFloat();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < count) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

/**
 * `rows` random unit vectors of dimension d (normalised N(0, I) draws, like torch's normalize(randn)), row-major
 * [rows, d], or pre-transposed [d, rows] with `transposed`.
 */
export function randomUnitRows(rng: RandomStream, rows: number, d: number, transposed = false): Float32Array {
  const draws = randomNormal(rng, rows * d);
  const out = transposed ? new Float32Array(rows * d) : draws;
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += draws[r * d + j] * draws[r * d + j];
    const inv = 1 / Math.max(Math.sqrt(norm), 1e-12);
    for (let j = 0; j < d; j++) out[transposed ? j * rows + r : r * d + j] = draws[r * d + j] * inv;
  }
  return out;
}
