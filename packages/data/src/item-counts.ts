/** Interaction count of every item id. */
import { argumentError } from '@croloss/internal';
import { checkDataset, checkUsers } from './check-dataset';
import type { SequenceDataset } from './sequence-dataset';

/**
 * Interaction count of every item id: `counts[i]` = number of times item i occurs in the sequences
 * of `users` (all users by default), length numItems + 1 with `counts[0] = 0` (padding). Count only
 * the training users to build popularity baselines or samplers without test leakage.
 *
 * @example
 * ```ts
 * const data = sequenceDatasetFromArrays('toy', [[1, 2, 2], [2, 3]]);
 * itemCounts(data); // Float64Array [0, 1, 3, 1]
 * itemCounts(data, [1]); // Float64Array [0, 0, 1, 1]
 * ```
 */
export function itemCounts(dataset: SequenceDataset, users?: ArrayLike<number>): Float64Array {
  checkDataset('itemCounts', dataset);
  const { offsets, items } = dataset;
  const counts = new Float64Array(dataset.numItems + 1);
  const count = (from: number, to: number) => {
    for (let p = from; p < to; p++) counts[items[p]] += 1;
  };
  if (users === undefined) count(0, items.length);
  else for (const u of checkUsers('itemCounts', 'users', users, dataset.numUsers)) count(offsets[u], offsets[u + 1]);
  counts[0] = 0;
  return counts;
}

/**
 * The k item ids with the largest counts, most popular first (ties: smaller id first), never the
 * padding id 0; fewer than k when there are fewer items. The "most popular items" baseline
 * recommends this list to every user.
 *
 * @example
 * ```ts
 * mostPopularItems(Float64Array.of(0, 1, 3, 1), 2); // Int32Array [2, 1]
 * ```
 */
export function mostPopularItems(counts: Float64Array | ArrayLike<number>, k: number): Int32Array {
  if (counts === null || typeof counts !== 'object' || typeof counts.length !== 'number') {
    throw argumentError('mostPopularItems', 'counts', 'an array of counts indexed by item id', counts);
  }
  if (!(Number.isInteger(k) && k >= 1)) throw argumentError('mostPopularItems', 'k', 'an integer >= 1', k);
  const ids = new Int32Array(Math.max(0, counts.length - 1));
  for (let i = 0; i < ids.length; i++) ids[i] = i + 1;
  ids.sort((a, b) => counts[b] - counts[a] || a - b);
  return ids.slice(0, k);
}
