/** Hinge kernel phi(x) = max(0, x + m). */
import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';
import { defineKernel, type ComparisonKernel } from './kernel';

/** Options of {@link hinge}. */
export interface HingeOptions {
  /**
   * Margin m in the units of the gaps the kernel sees (after the temperature tau). Default 0.5, the
   * authors' code (relu(x + 0.5) on tau-scaled gaps); it satisfies the paper's condition
   * 0.5 <= phi(0) <= 1, which the paper's text value m = 5 does not.
   */
  margin?: number;
}

/** A hinge kernel: a {@link ComparisonKernel} that also exposes its margin (fused GPU kernels read it). */
export interface HingeKernel extends ComparisonKernel {
  /** The margin m of phi(x) = max(0, x + m). */
  readonly margin: number;
}

/**
 * Hinge kernel phi(x) = max(0, x + m). With alpha = 0 CROLoss is the triplet loss (eq. 18).
 * phi'(x) = 1 for x > -m, else 0.
 *
 * @example
 * ```ts
 * hinge({ margin: 0.5 }).apply(tf.tensor1d([-1, 0, 1])); // [0, 0.5, 1.5]
 * hinge().margin; // 0.5
 * ```
 */
export function hinge(options: HingeOptions = {}): HingeKernel {
  const margin = options.margin ?? 0.5;
  if (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0) {
    throw argumentError('hinge', 'margin', 'a finite number >= 0', margin);
  }
  return Object.freeze({ ...defineKernel({ name: 'hinge', apply: (x) => tf.relu(tf.add(x, margin)) }), margin });
}
