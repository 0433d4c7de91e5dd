/** Exponential kernel phi(x) = e^x. */
import * as tf from '@tensorflow/tfjs-core';
import { defineKernel, type ComparisonKernel } from './kernel';

/**
 * Exponential kernel phi(x) = e^x. With alpha = 1 CROLoss becomes softmax cross-entropy (eq. 17).
 * It exposes `logApply` (log phi(x) = x) so the loss sums it with log-sum-exp and stays finite for
 * gaps far beyond float32's e^88.
 *
 * @example
 * ```ts
 * exponential().apply(tf.tensor1d([0, 1])); // [1, 2.71828]
 * ```
 */
export function exponential(): ComparisonKernel {
  return defineKernel({ name: 'exponential', apply: (x) => tf.exp(x), logApply: (x) => tf.clone(x) });
}
