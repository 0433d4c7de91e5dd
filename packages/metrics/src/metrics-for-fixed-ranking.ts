/** Recall@N, HitRate@N and NDCG@N when every user gets the same ranking (the most-popular baseline). */
import { argumentError } from '@croloss/internal';
import { createMetricsAccumulator, type RetrievalMetrics } from './ranking-metrics';
import { checkCutoffs, checkIdList, checkIdLists } from './validate';

/**
 * Recall@N, HitRate@N and NDCG@N when every user gets the same ranking, e.g. the most popular items
 * (the "most popular" baseline). Same definitions as {@link metricsFromRankings}; costs O(|ranking| +
 * total targets) because each target is looked up in a rank table instead of scanning the list per user.
 * An id repeated in `ranking` counts at its first position only.
 *
 * @param ranking item ids, best first; every N in `ns` must be <= ranking.length.
 * @param targets per user, the held-out item ids.
 * @param ns cut-offs N.
 *
 * @example
 * ```ts
 * const popular = [7, 3, 1, 4];
 * const m = metricsForFixedRanking(popular, [[3], [4, 9], []], [2, 4]);
 * m.users;        // 2 (the user without targets is skipped)
 * m.recall[2];    // (1 + 0) / 2 = 0.5
 * m.recall[4];    // (1 + 1/2) / 2 = 0.75
 * ```
 */
export function metricsForFixedRanking(
  ranking: ArrayLike<number>,
  targets: ReadonlyArray<ArrayLike<number>>,
  ns: readonly number[],
): RetrievalMetrics {
  const fn = 'metricsForFixedRanking';
  checkIdList(fn, 'ranking', ranking, Infinity);
  if (ranking.length === 0) throw argumentError(fn, 'ranking', 'a non-empty array of item ids', ranking);
  if (!Array.isArray(targets)) throw argumentError(fn, 'targets', 'an array of per-user id lists', targets);
  checkIdLists(fn, 'targets', targets, targets.length, Infinity);
  const cutoffs = checkCutoffs(fn, ns, ranking.length, 'the ranking length');
  const accumulator = createMetricsAccumulator(cutoffs);
  const rankOf = new Map<number, number>();
  for (let p = Math.min(ranking.length, accumulator.maxN) - 1; p >= 0; p--) rankOf.set(ranking[p], p + 1);
  for (const userTargets of targets) {
    const targetSet = new Set<number>(Array.from(userTargets));
    const hitRanks: number[] = [];
    for (const id of targetSet) {
      const rank = rankOf.get(id);
      if (rank !== undefined) hitRanks.push(rank);
    }
    hitRanks.sort((a, b) => a - b);
    accumulator.addUser(hitRanks, targetSet.size);
  }
  return accumulator.result(fn);
}
