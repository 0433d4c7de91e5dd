/** Softplus kernel phi(x) = log(1 + e^x), computed stably (x for large x, e^x for very negative x). */
import * as tf from '@tensorflow/tfjs-core';
import { defineKernel, type ComparisonKernel } from './kernel';

/**
 * Softplus kernel phi(x) = log(1 + e^x), computed stably (x for large x, e^x for very negative x).
 * Convex, phi(0) = log 2, phi'(x) = sigmoid(x). With alpha = 0 CROLoss is the BPR loss (eq. 19).
 *
 * @example
 * ```ts
 * softplus().apply(tf.tensor1d([0])); // [0.6931]
 * ```
 */
export function softplus(): ComparisonKernel {
  return defineKernel({ name: 'softplus', apply: (x) => tf.softplus(x) });
}
