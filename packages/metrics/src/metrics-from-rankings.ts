/** Recall@N, HitRate@N and NDCG@N from rankings that were already retrieved (pure JavaScript, no tensors). */
import { argumentError } from '@croloss/internal';
import { createMetricsAccumulator, hitRanksInRow, type RetrievalMetrics } from './ranking-metrics';
import { checkCutoffs, checkIdLists, checkInteger } from './validate';

/**
 * Recall@N, HitRate@N and NDCG@N from rankings that were already retrieved (pure JavaScript, no tensors).
 * Row u of `indices` (entries u*k .. u*k + k - 1, best first) is user u's ranking; negative entries are
 * empty slots (e.g. after removing history items). For each user with target set T (de-duplicated):
 *
 *   Recall@N  = |top-N ∩ T| / |T|
 *   HitRate@N = 1[|top-N ∩ T| > 0]
 *   NDCG@N    = sum_{r <= N, item at r in T} 1/log2(r + 1)  /  sum_{r = 1}^{min(|T|, N)} 1/log2(r + 1)
 *
 * averaged over users with |T| > 0 (the others are counted in `skippedUsers`).
 *
 * @param indices U*k item ids, row-major, best first (e.g. `retrieveTopK(...).indices`).
 * @param k ranking length per user; every N in `ns` must be <= k.
 * @param targets per user, the held-out item ids (length U).
 * @param ns cut-offs N, e.g. [50, 100, 200, 500].
 *
 * @example
 * ```ts
 * // two users, rankings of length 3
 * const m = metricsFromRankings(Int32Array.from([5, 2, 9, 1, 7, 3]), 3, [[2], [4, 3]], [1, 3]);
 * m.recall[3];  // (1 + 1/2) / 2 = 0.75
 * m.hitRate[1]; // 0: neither user has a target at rank 1
 * ```
 */
export function metricsFromRankings(
  indices: ArrayLike<number>,
  k: number,
  targets: ReadonlyArray<ArrayLike<number>>,
  ns: readonly number[],
): RetrievalMetrics {
  const fn = 'metricsFromRankings';
  checkInteger(fn, 'k', k, 1);
  if (!Array.isArray(targets)) throw argumentError(fn, 'targets', 'an array of per-user id lists', targets);
  const numUsers = targets.length;
  checkIdLists(fn, 'targets', targets, numUsers, Infinity);
  if (indices === null || typeof indices !== 'object' || typeof indices.length !== 'number') {
    throw argumentError(fn, 'indices', 'an array of item ids', indices);
  }
  if (indices.length !== numUsers * k) {
    throw argumentError(fn, 'indices', `length targets.length * k = ${numUsers * k}`, `length ${indices.length}`);
  }
  for (let i = 0; i < indices.length; i++) {
    if (!Number.isInteger(indices[i])) throw argumentError(fn, `indices[${i}]`, 'an integer item id (negative = empty slot)', indices[i]);
  }
  const cutoffs = checkCutoffs(fn, ns, k, 'the ranking length k');
  const accumulator = createMetricsAccumulator(cutoffs);
  for (let user = 0; user < numUsers; user++) {
    const targetSet = new Set<number>(Array.from(targets[user]));
    accumulator.addUser(hitRanksInRow(indices, user * k, k, targetSet, accumulator.maxN), targetSet.size);
  }
  return accumulator.result(fn);
}
