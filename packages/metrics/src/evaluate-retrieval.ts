/** Full-corpus Recall@N, HitRate@N and NDCG@N of a two-tower model (ComiRec protocol). */
import type * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';
import { createMetricsAccumulator, hitRanksInRow, type RetrievalMetrics } from './ranking-metrics';
import { checkRetrievalInputs, type RetrievalOptions } from './retrieval-inputs';
import { forEachTopKChunk } from './top-k-chunks';
import { checkCutoffs, checkIdLists } from './validate';

/** Options of {@link evaluateRetrieval}. */
export interface EvaluateRetrievalOptions extends RetrievalOptions {
  /** Cut-offs N, e.g. [50, 100, 200, 500]; each in [1, I - |excludeItems|]. */
  ns: number[];
  /** Per user, the history item ids (length U); needed only with `maskHistory`. */
  history?: ReadonlyArray<ArrayLike<number>>;
  /**
   * Remove each user's history items from that user's ranking before cutting at N. Default false,
   * as in the paper and the ComiRec protocol (history items stay in the ranking).
   */
  maskHistory?: boolean;
}

/**
 * Full-corpus Recall@N, HitRate@N and NDCG@N of a two-tower model (ComiRec protocol): every item is
 * scored for every user, the exact top-maxN list (ties: lower item index first, see retrieveTopK) is
 * computed chunk by chunk and folded into the metrics right away, so neither U x I scores nor U x maxN
 * rankings are held. One top-maxN pass serves every N. With T_u the de-duplicated targets of user u:
 *
 *   Recall@N  = |top-N ∩ T_u| / |T_u|
 *   HitRate@N = 1[top-N ∩ T_u non-empty]
 *   NDCG@N    = sum_{hit ranks r <= N} 1/log2(r + 1)  /  sum_{r=1}^{min(|T_u|, N)} 1/log2(r + 1)
 *
 * averaged over users with |T_u| > 0 (users without targets are counted in `skippedUsers`). Targets
 * that are excluded (or masked history items) stay in |T_u| but can never be hit.
 *
 * With `maskHistory`, each chunk retrieves maxN + (largest history of the run) items and drops the
 * user's history items on the CPU, which is exact: the first maxN non-history items of the total order
 * are always among its first maxN + |history| items.
 *
 * @param userVectors float32 [U, d].
 * @param itemMatrixT float32 [d, I] (items transposed).
 * @param targets per user, the held-out item ids in [0, I) (length U).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * const users = tf.tensor2d([[1, 0], [0, 1]]);
 * const itemsT = tf.tensor2d([[0, 3, 1, 0], [0, 0, 1, 3]]); // item 0 is padding
 * const m = await evaluateRetrieval(users, itemsT, [[1], [2, 3]], { ns: [1, 2], excludeItems: [0] });
 * m.recall[1]; // (1 + 1/2) / 2 = 0.75
 * m.recall[2]; // (1 + 2/2) / 2 = 1
 * ```
 */
export async function evaluateRetrieval(
  userVectors: tf.Tensor2D,
  itemMatrixT: tf.Tensor2D,
  targets: ReadonlyArray<ArrayLike<number>>,
  options: EvaluateRetrievalOptions,
): Promise<RetrievalMetrics> {
  const fn = 'evaluateRetrieval';
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object { ns, ... }', options);
  const inputs = await checkRetrievalInputs(fn, userVectors, itemMatrixT, options);
  const { numUsers, numItems, retrievable, excluded } = inputs;
  const ns = checkCutoffs(fn, options.ns, retrievable, inputs.excluded.length > 0 ? 'I - |excludeItems|' : 'I');
  checkIdLists(fn, 'targets', targets, numUsers, numItems);
  const { history, maskHistory = false } = options;
  if (typeof maskHistory !== 'boolean') throw argumentError(fn, 'maskHistory', 'a boolean', maskHistory);
  if (maskHistory && history === undefined) {
    throw argumentError(fn, 'history', 'per-user history lists when maskHistory is true', history);
  }
  if (history !== undefined) checkIdLists(fn, 'history', history, numUsers, numItems);

  const accumulator = createMetricsAccumulator(ns);
  const maxN = accumulator.maxN;
  const masks = maskHistory ? historySets(history!, excluded) : null;
  const largestHistory = masks ? masks.reduce((m, set) => Math.max(m, set.size), 0) : 0;
  const k = Math.min(retrievable, maxN + largestHistory);
  const kept = new Int32Array(maxN);

  await forEachTopKChunk(fn, userVectors, itemMatrixT, k, inputs.chunkSize, excluded, (chunk) => {
    for (let row = 0; row < chunk.users; row++) {
      const user = chunk.firstUser + row;
      const targetSet = new Set<number>(Array.from(targets[user]));
      let ranking: ArrayLike<number> = chunk.indices;
      let start = row * k;
      if (masks) {
        keepNonHistory(chunk.indices, start, k, masks[user], kept);
        ranking = kept;
        start = 0;
      }
      accumulator.addUser(hitRanksInRow(ranking, start, maxN, targetSet, maxN), targetSet.size);
    }
  });
  return accumulator.result(fn);
}

/** Per user, the distinct history items that can be retrieved at all (excluded items are gone anyway). */
function historySets(history: ReadonlyArray<ArrayLike<number>>, excluded: readonly number[]): Set<number>[] {
  const excludedSet = new Set(excluded);
  return history.map((items) => new Set(Array.from(items).filter((id) => !excludedSet.has(id))));
}

/** Copies the first out.length items of row [start, start+k) that are not in `drop` into `out`, -1 after the end. */
function keepNonHistory(indices: Int32Array, start: number, k: number, drop: ReadonlySet<number>, out: Int32Array): void {
  let j = 0;
  for (let p = start; p < start + k && j < out.length; p++) {
    if (!drop.has(indices[p])) out[j++] = indices[p];
  }
  out.fill(-1, j);
}
