/** The input type of the loss entries: a tensor or anything tf.tensor() takes (the same as @croloss/internal's). */
import type * as tf from '@tensorflow/tfjs-core';

/**
 * A tensor or something tf.tensor() takes: a number, a (nested) array or a typed array. Arrays must be
 * rectangular with number leaves; the loss entries check that and throw otherwise.
 *
 * @example
 * ```ts
 * const scores: TensorInput = [[0.1, 0.9], [0.4, 0.2]];
 * ```
 */
export type TensorInput = tf.Tensor | tf.TensorLike;
