/** Exact full-corpus top-k retrieval. */
import type * as tf from '@tensorflow/tfjs-core';
import { checkRetrievalInputs, type RetrievalOptions } from './retrieval-inputs';
import { forEachTopKChunk } from './top-k-chunks';
import { checkInteger } from './validate';

/** Top-k lists of every user, row-major [U, k], best first. */
export interface TopKResult {
  /** U*k item columns; row u holds user u's k best items ordered by (score desc, index asc). */
  indices: Int32Array;
  /** U*k scores (inner products) matching `indices`. */
  scores: Float32Array;
}

/**
 * Exact full-corpus top-k retrieval: for each user u, the k items with the largest inner product
 * s(u, i) = <userVectors[u], itemMatrixT[:, i]>, computed chunk by chunk so device memory stays
 * chunkSize x I (never U x I): per chunk scores = users x itemsT, tf.topk, read back, dispose.
 *
 * Deterministic ties: the result is the first k items of the total order (score desc, index asc) of
 * the backend's float32 scores, whatever the backend's topk does with ties. Rows are re-sorted on the
 * CPU; when the k-th and (k+1)-th scores tie, the user's full score row is read back and the tied items
 * at the boundary are taken in ascending index order (see forEachTopKChunk). Excluded items get
 * -Infinity and never appear (k must be <= I - |excludeItems|).
 *
 * @param userVectors float32 [U, d].
 * @param itemMatrixT float32 [d, I], the item matrix pre-transposed (`tf.transpose(items)` once).
 * @param k items per user, 1 <= k <= I - |excludeItems|.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * const users = tf.tensor2d([[1, 0], [0, 1]]);
 * const itemsT = tf.tensor2d([[0, 3, 1, 1], [0, 1, 2, 2]]); // items: (0,0), (3,1), (1,2), (1,2)
 * const { indices } = await retrieveTopK(users, itemsT, 2, { excludeItems: [0] });
 * indices; // Int32Array [1, 2, 2, 3]: items 2 and 3 tie for user 0's 2nd place -> the lower index wins
 * ```
 */
export async function retrieveTopK(
  userVectors: tf.Tensor2D,
  itemMatrixT: tf.Tensor2D,
  k: number,
  options: RetrievalOptions = {},
): Promise<TopKResult> {
  const fn = 'retrieveTopK';
  const inputs = await checkRetrievalInputs(fn, userVectors, itemMatrixT, options);
  checkInteger(fn, 'k', k, 1, inputs.retrievable, inputs.excluded.length > 0 ? 'I - |excludeItems|' : 'I');
  const indices = new Int32Array(inputs.numUsers * k);
  const scores = new Float32Array(inputs.numUsers * k);
  await forEachTopKChunk(fn, userVectors, itemMatrixT, k, inputs.chunkSize, inputs.excluded, (chunk) => {
    indices.set(chunk.indices, chunk.firstUser * k);
    scores.set(chunk.scores, chunk.firstUser * k);
  });
  return { indices, scores };
}
