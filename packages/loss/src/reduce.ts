import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/kernels';

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

/** Applies a resolved reduction to per-example losses [B]: [B] for none, a scalar otherwise. */
export function reduceLoss(perExample: tf.Tensor1D, reduction: 'none' | 'mean' | 'sum'): tf.Tensor {
  if (reduction === 'none') return perExample;
  return tf.tidy(() => (reduction === 'sum' ? tf.sum(perExample) : tf.mean(perExample)));
}
