/** Logistic sigmoid kernel phi(x) = 1 / (1 + e^-x). */
import * as tf from '@tensorflow/tfjs-core';
import { defineKernel, type ComparisonKernel } from './kernel';

/**
 * Logistic sigmoid kernel phi(x) = 1 / (1 + e^-x): bounded in (0, 1) with phi(0) = 0.5, so R_phi is
 * the closest smooth estimate of the exact rank (the paper's best choice for phi1 and for tuning alpha).
 * phi'(x) = phi(x) (1 - phi(x)).
 *
 * @example
 * ```ts
 * sigmoid().apply(tf.tensor1d([0])); // [0.5]
 * ```
 */
export function sigmoid(): ComparisonKernel {
  return defineKernel({ name: 'sigmoid', apply: (x) => tf.sigmoid(x) });
}
