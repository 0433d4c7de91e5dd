// Log importance weights -log(M q_j) of negatives drawn from a proposal q: the per-negative input of the weighted rank statistic.
import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';

/**
 * log w_j = -log(M q_j) for M negatives drawn (with replacement) from a distribution q over the corpus, q_j being the
 * probability of one draw returning negative j. With these weights sum_j w_j phi(g_j) = sum_j phi(g_j) / (M q_j) is an
 * unbiased estimate of the sum of phi over the whole corpus, for any kernel phi (importance sampling; uniform q = 1/|I|
 * gives w = |I| / M, the factor of eq. 24).
 *
 * @param q per-draw probabilities, each in (0, 1]: [K] (shared negatives) or [B, K]; read on the host for the check
 * @param numDraws M, the number of draws the negatives came from (an integer >= 1; usually K)
 * @returns float32 log weights with q's shape
 *
 * @example
 * ```ts
 * logImportanceWeights([0.5, 0.01], 2); // [-log 1, -log 0.02] = [0, 3.912]
 * ```
 */
export function logImportanceWeights(q: tf.Tensor | ArrayLike<number> | number[][], numDraws: number): tf.Tensor {
  const fn = 'logImportanceWeights';
  if (typeof numDraws !== 'number' || !Number.isInteger(numDraws) || numDraws < 1) throw argumentError(fn, 'numDraws', 'an integer >= 1', numDraws);
  const tensor = q instanceof tf.Tensor ? q : tf.tensor(q as tf.TensorLike, undefined, 'float32');
  try {
    if (tensor.rank !== 1 && tensor.rank !== 2) throw new Error(`${fn}: argument 'q' must have rank 1 or 2 (shape [K] or [B, K]), got shape [${tensor.shape}]`);
    const values = tensor.dataSync();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!(v > 0 && v <= 1)) throw argumentError(fn, `q[${i}]`, "a probability in (0, 1] (a negative's per-draw probability)", v);
    }
    return tf.tidy(() => tf.neg(tf.log(tf.mul(tf.cast(tensor, 'float32'), numDraws))));
  } finally {
    if (tensor !== q) tensor.dispose();
  }
}
