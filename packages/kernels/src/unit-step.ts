/** The unit step psi(x) = 1 for x >= 0, else 0 (CROLoss eq. 14), with a zero gradient. */
import * as tf from '@tensorflow/tfjs-core';
import { castToFloat32, customOp } from '@croloss/internal';
import { defineKernel, type ComparisonKernel } from './kernel';

/**
 * The unit step psi(x) = 1 for x >= 0, else 0 (CROLoss eq. 6). With it the rank statistic is the exact
 * rank R_psi = 1 + #{negatives scoring at least the positive}, and W_alpha(R_psi) the exact Recall
 * weighting. Its gradient is zero almost everywhere (returned as zeros), so it measures, it does not
 * train: use it for monitoring or as phi1 in `lambdaCroLoss`. A NaN gap gives NaN, like every other kernel.
 *
 * @example
 * ```ts
 * unitStep().apply(tf.tensor1d([-0.5, 0, 2])); // [0, 1, 1]
 * ```
 */
export function unitStep(): ComparisonKernel {
  return defineKernel({ name: 'unit-step', differentiable: false, apply: unitStepOp });
}

const unitStepOp = (x: tf.Tensor): tf.Tensor =>
  customOp((input: tf.Tensor, _save: tf.GradSaveFunc) => ({
    // NaN >= 0 is false: without the where a NaN gap would silently count as "not outranking".
    value: tf.where(tf.isNaN(input), input, castToFloat32(tf.greaterEqual(input, 0))),
    gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
  }))(x);
