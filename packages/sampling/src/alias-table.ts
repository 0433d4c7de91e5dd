/** Walker's alias table (Vose's construction): O(1) draws from a discrete distribution. */
import type { RandomStream } from './random-stream';

/**
 * Walker's alias table (Vose's construction) for O(1) draws from a discrete distribution with
 * positive weights: pick a column i uniformly, keep it with probability keep[i], else take alias[i].
 * Column i then comes out with probability (keep[i] + sum_{j: alias[j] = i} (1 - keep[j])) / n =
 * weight[i] / sum(weight), up to float64 rounding of the construction.
 */
export interface AliasTable {
  size: number;
  keep: Float64Array;
  alias: Int32Array;
}

/** Builds the table; every weight must be finite and > 0 (zero-weight outcomes belong outside). */
export function buildAliasTable(weights: Float64Array): AliasTable {
  const size = weights.length;
  let total = 0;
  for (let i = 0; i < size; i++) total += weights[i];
  const scaled = new Float64Array(size);
  for (let i = 0; i < size; i++) scaled[i] = (weights[i] * size) / total;
  const keep = new Float64Array(size);
  const alias = new Int32Array(size);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = size - 1; i >= 0; i--) (scaled[i] < 1 ? small : large).push(i);
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    keep[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  // What is left holds (up to rounding) exactly one column's worth: kept with certainty.
  for (const i of large) {
    keep[i] = 1;
    alias[i] = i;
  }
  for (const i of small) {
    keep[i] = 1;
    alias[i] = i;
  }
  return { size, keep, alias };
}

/** One draw: a column index in [0, size). */
export function drawFromAlias(table: AliasTable, stream: RandomStream): number {
  const column = stream.nextInt(table.size);
  return stream.nextFloat() < table.keep[column] ? column : table.alias[column];
}
