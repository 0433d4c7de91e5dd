/** Recall@N, HitRate@N and NDCG@N: their type and the accumulator that averages them over users. */
import { argumentError } from '@croloss/internal';

/**
 * Retrieval quality averaged over the evaluated users, each value a fraction in [0, 1], keyed by the
 * cut-off N (e.g. `recall[100]`).
 */
export interface RetrievalMetrics {
  /** Users that entered the averages: those with at least one target. */
  users: number;
  /** Users left out because their target list was empty. */
  skippedUsers: number;
  /** Recall@N = |top-N ∩ T| / |T|, T the user's de-duplicated target set. */
  recall: Record<number, number>;
  /** HitRate@N = 1 when at least one target is in the top N, else 0. */
  hitRate: Record<number, number>;
  /** NDCG@N = DCG / IDCG, DCG = sum over hit ranks r <= N of 1 / log2(r + 1), IDCG over min(|T|, N) ranks. */
  ndcg: Record<number, number>;
}

/**
 * Accumulates per-user metrics from the 1-based ranks at which a user's distinct targets were found.
 * Internal building block of metricsFromRankings, metricsForFixedRanking and evaluateRetrieval.
 */
export interface MetricsAccumulator {
  /** Largest cut-off: ranks above it are ignored. */
  readonly maxN: number;
  /**
   * Adds one user: `hitRanks` are the 1-based ranks (ascending, distinct) of the targets found in the
   * ranking, `numTargets` the size of the de-duplicated target set (0 = the user is skipped).
   */
  addUser(hitRanks: ArrayLike<number>, numTargets: number): void;
  /** Averages over the users added so far; throws when none had a target. */
  result(fn: string): RetrievalMetrics;
}

/** Creates an accumulator for the sorted, de-duplicated cut-offs `ns`. */
export function createMetricsAccumulator(ns: readonly number[]): MetricsAccumulator {
  const maxN = ns[ns.length - 1];
  // discount[r] = 1 / log2(r + 1) for 1-based rank r; idealDcg[m] = sum of the first m discounts.
  const discount = new Float64Array(maxN + 1);
  const idealDcg = new Float64Array(maxN + 1);
  for (let r = 1; r <= maxN; r++) {
    discount[r] = 1 / Math.log2(r + 1);
    idealDcg[r] = idealDcg[r - 1] + discount[r];
  }
  const recall = new Float64Array(ns.length);
  const hitRate = new Float64Array(ns.length);
  const ndcg = new Float64Array(ns.length);
  let users = 0;
  let skippedUsers = 0;

  return {
    maxN,
    addUser(hitRanks, numTargets) {
      if (numTargets === 0) {
        skippedUsers++;
        return;
      }
      users++;
      let hits = 0;
      let dcg = 0;
      let next = 0; // next hit rank to fold in, ranks ascending
      for (let c = 0; c < ns.length; c++) {
        const n = ns[c];
        while (next < hitRanks.length && hitRanks[next] <= n) {
          hits++;
          dcg += discount[hitRanks[next]];
          next++;
        }
        recall[c] += hits / numTargets;
        hitRate[c] += hits > 0 ? 1 : 0;
        ndcg[c] += dcg / idealDcg[Math.min(numTargets, n)];
      }
    },
    result(fn) {
      if (users === 0) {
        throw argumentError(fn, 'targets', 'at least one non-empty target list', `${skippedUsers} users, none with a target`);
      }
      const average = (sums: Float64Array) => Object.fromEntries(ns.map((n, c) => [n, sums[c] / users]));
      return { users, skippedUsers, recall: average(recall), hitRate: average(hitRate), ndcg: average(ndcg) };
    },
  };
}

/**
 * 1-based ranks (ascending) at which the members of `targetSet` appear in `ranking[start, start + length)`,
 * looking at the first `maxN` slots only. Negative entries are empty slots; an id repeated in the
 * ranking counts at its first position only.
 */
export function hitRanksInRow(
  ranking: ArrayLike<number>,
  start: number,
  length: number,
  targetSet: ReadonlySet<number>,
  maxN: number,
): number[] {
  const ranks: number[] = [];
  const found = new Set<number>();
  const end = start + Math.min(length, maxN);
  for (let p = start; p < end; p++) {
    const id = ranking[p];
    if (id >= 0 && targetSet.has(id) && !found.has(id)) {
      found.add(id);
      ranks.push(p - start + 1);
    }
  }
  return ranks;
}
