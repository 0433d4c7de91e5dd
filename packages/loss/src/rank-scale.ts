import * as tf from '@tensorflow/tfjs-core';

/**
 * The factor of the sampled estimator R_hat = |I| / |I'| * (1 + sum_{I'} phi(g)) (eq. 24), per row [B]:
 * numItems / (number of negatives of that row). With `numItems` undefined the negatives are taken to be the
 * whole rest of the corpus and the factor is 1 (the exact rank statistic of eq. 15). `override` (a number)
 * replaces the factor for every row. Rows with no negative get 1 (their R is 1: nothing outranks the positive).
 */
export function rankScale(
  numItems: number | undefined,
  numNegatives: number,
  mask: tf.Tensor2D | null,
  override: number | undefined,
): number | tf.Tensor1D {
  if (override !== undefined) return override;
  if (numItems === undefined) return 1;
  if (mask === null) return numItems / numNegatives;
  return tf.tidy(() => {
    const counts = tf.sum(mask, 1);
    return tf.where(tf.greater(counts, 0), tf.div(numItems, tf.maximum(counts, 1)), tf.onesLike(counts)) as tf.Tensor1D;
  });
}
