/** The factor s = |I| / |I'| of the sampled rank estimator (eq. 24), per row or for all rows. */
import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';

/**
 * The factor of the sampled estimator R_hat = |I| / |I'| * (1 + sum_{I'} phi(g)) (eq. 24), per row [B]:
 * numItems / (number of negatives of that row). With `numItems` undefined the negatives are taken to be the
 * whole rest of the corpus and the factor is 1 (the exact rank statistic of eq. 15). `override` (a number)
 * replaces the factor for every row. Rows with no negative (every negative masked, or numNegatives = 0) get 1:
 * their R is 1, nothing outranks the positive.
 */
export function rankScale(
  numItems: number | undefined,
  numNegatives: number,
  mask: tf.Tensor2D | null,
  override: number | undefined,
): number | tf.Tensor1D {
  const fn = 'rankScale';
  if (numItems !== undefined && (typeof numItems !== 'number' || !Number.isInteger(numItems) || numItems < 1)) {
    throw argumentError(fn, 'numItems', 'an integer >= 1 or undefined', numItems);
  }
  if (typeof numNegatives !== 'number' || !Number.isInteger(numNegatives) || numNegatives < 0) {
    throw argumentError(fn, 'numNegatives', 'an integer >= 0', numNegatives);
  }
  if (mask !== null && (!(mask instanceof tf.Tensor) || mask.rank !== 2 || mask.shape[1] !== numNegatives)) {
    const actual = mask instanceof tf.Tensor ? `shape [${mask.shape}]` : mask;
    throw argumentError(fn, 'mask', `null or a tensor of shape [B, ${numNegatives}] (numNegatives columns)`, actual);
  }
  if (override !== undefined && (typeof override !== 'number' || !Number.isFinite(override) || override <= 0)) {
    throw argumentError(fn, 'override', 'a finite number > 0 or undefined', override);
  }
  return rankScaleOf(numItems, numNegatives, mask, override);
}

/** {@link rankScale} without the argument checks, for the loss entries (which validated numItems and rankScale once). */
export function rankScaleOf(
  numItems: number | undefined,
  numNegatives: number,
  mask: tf.Tensor2D | null,
  override: number | undefined,
): number | tf.Tensor1D {
  if (override !== undefined) return override;
  if (numItems === undefined || numNegatives === 0) return 1;
  if (mask === null) return numItems / numNegatives;
  return tf.tidy(() => {
    const counts = tf.sum(mask, 1);
    return tf.where(tf.greater(counts, 0), tf.div(numItems, tf.maximum(counts, 1)), tf.onesLike(counts)) as tf.Tensor1D;
  });
}
