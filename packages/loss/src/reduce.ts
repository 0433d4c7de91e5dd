/** The reductions of per-example losses [B]: none, mean or sum. */
import * as tf from '@tensorflow/tfjs-core';
import { argumentError, checkTensorArgument } from '@croloss/internal';

/** How per-example losses [B] are combined: as they are, their mean, or their sum. tf.Reduction values work too. */
export type Reduction = 'none' | 'mean' | 'sum' | tf.Reduction;

/** Checks a reduction and returns its canonical name. SUM_BY_NONZERO_WEIGHTS (tfjs's default, no weights here) is the mean. */
export function resolveReduction(fn: string, reduction: unknown): 'none' | 'mean' | 'sum' {
  switch (reduction) {
    case undefined:
    case 'none':
    case tf.Reduction.NONE:
      return 'none';
    case 'mean':
    case tf.Reduction.MEAN:
    case tf.Reduction.SUM_BY_NONZERO_WEIGHTS:
      return 'mean';
    case 'sum':
    case tf.Reduction.SUM:
      return 'sum';
    default:
      throw argumentError(fn, 'reduction', "'none', 'mean', 'sum' or a tf.Reduction", reduction);
  }
}

/**
 * Applies a reduction to per-example losses [B]: [B] for none, a scalar otherwise. An empty batch (B = 0) gives
 * an empty [0] for none and 0 for both 'sum' and 'mean' (tf.mean of nothing would be NaN).
 */
export function reduceLoss(perExample: tf.Tensor1D, reduction: Reduction): tf.Tensor {
  checkTensorArgument('reduceLoss', 'perExample', perExample);
  return applyReduction(perExample, resolveReduction('reduceLoss', reduction));
}

/** {@link reduceLoss} with a reduction already resolved, unchecked (for the loss entries). */
export function applyReduction(perExample: tf.Tensor1D, resolved: 'none' | 'mean' | 'sum'): tf.Tensor {
  if (resolved === 'none') return perExample;
  return tf.tidy(() => (resolved === 'sum' || perExample.size === 0 ? tf.sum(perExample) : tf.mean(perExample)));
}
