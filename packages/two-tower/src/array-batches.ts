// A seeded, resumable batch source over typed arrays of query features, candidate features and candidate ids.
import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';
import { checkIds } from './negative-weights';
import type { TowerBatch, TowerBatchSource } from './towers-train-options';

/** One model input as a typed array: `values` row-major of shape [N, ...rest]; int32 for ids, float32 otherwise. */
export interface FeatureArray {
  values: Int32Array | Float32Array;
  shape: number[];
}

/** Options of {@link arrayBatches}. */
export interface ArrayBatchesOptions {
  /** Query tower inputs (one per model input), N rows each. */
  query: FeatureArray | FeatureArray[];
  /** Candidate tower inputs of each example's positive, N rows each. */
  candidate: FeatureArray | FeatureArray[];
  /** [N] integer id of each example's positive. */
  candidateIds: ArrayLike<number>;
  /** Seed of the row sampler. Default 0. */
  seed?: number;
}

/**
 * Batches of B rows drawn uniformly with replacement (a seeded mulberry32 stream, resumable through getState /
 * setState) from N examples held as typed arrays.
 *
 * @example
 * ```ts
 * const batches = arrayBatches({
 *   query: { values: histories, shape: [n, 20] }, candidate: { values: targets, shape: [n, 1] }, candidateIds: targets, seed: 1,
 * });
 * const { query, candidate, candidateIds } = batches.next(256); // tensors [256, 20], [256, 1]; ids [256]
 * ```
 */
export function arrayBatches(options: ArrayBatchesOptions): TowerBatchSource & { getState(): { rng: number }; setState(state: { rng: number }): void; readonly size: number } {
  const fn = 'arrayBatches';
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object { query, candidate, candidateIds }', options);
  const ids = checkIds(fn, 'candidateIds', options.candidateIds);
  const n = ids.length;
  if (n < 1) throw argumentError(fn, 'candidateIds', 'at least one example', '0 ids');
  const query = checkFeatures(fn, 'query', options.query, n);
  const candidate = checkFeatures(fn, 'candidate', options.candidate, n);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw argumentError(fn, 'seed', 'an integer', seed);
  let state = seed >>> 0;
  const nextRow = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const gather = (features: FeatureArray[], rows: Int32Array) => features.map((f) => {
    const width = f.values.length / n;
    const out = f.values instanceof Int32Array ? new Int32Array(rows.length * width) : new Float32Array(rows.length * width);
    rows.forEach((r, i) => out.set(f.values.subarray(r * width, (r + 1) * width), i * width));
    return tf.tensor(out, [rows.length, ...f.shape.slice(1)], f.values instanceof Int32Array ? 'int32' : 'float32');
  });
  return {
    size: n,
    next(batchSize: number): TowerBatch {
      if (!Number.isInteger(batchSize) || batchSize < 1) throw argumentError(`${fn}.next`, 'batchSize', 'an integer >= 1', batchSize);
      const rows = new Int32Array(batchSize);
      for (let i = 0; i < batchSize; i++) rows[i] = nextRow();
      const q = gather(query, rows);
      const c = gather(candidate, rows);
      return { query: q.length === 1 ? q[0] : q, candidate: c.length === 1 ? c[0] : c, candidateIds: rows.map((r) => ids[r]) };
    },
    getState: () => ({ rng: state }),
    setState(saved: { rng: number }) {
      if (saved === null || typeof saved !== 'object' || !Number.isInteger(saved.rng)) throw argumentError(`${fn}.setState`, 'state', 'an object { rng } from getState()', saved);
      state = saved.rng >>> 0;
    },
  };
}

function checkFeatures(fn: string, argument: string, value: unknown, n: number): FeatureArray[] {
  const list = (Array.isArray(value) ? value : [value]) as FeatureArray[];
  if (list.length === 0) throw argumentError(fn, argument, 'one FeatureArray { values, shape } per model input', '[]');
  list.forEach((f, i) => {
    const name = Array.isArray(value) ? `${argument}[${i}]` : argument;
    if (f === null || typeof f !== 'object' || !(f.values instanceof Int32Array || f.values instanceof Float32Array) || !Array.isArray(f.shape)) {
      throw argumentError(fn, name, 'a FeatureArray { values: Int32Array | Float32Array, shape: [N, ...] }', f);
    }
    const size = f.shape.reduce((a, b) => a * b, 1);
    if (f.shape[0] !== n || size !== f.values.length) throw argumentError(fn, `${name}.shape`, `[${n}, ...] with ${f.values.length} values (N = the number of candidateIds)`, f.shape);
  });
  return list;
}
