/** A typed wrapper over tf.customGrad, so no package casts its forward function through unknown. */
import * as tf from '@tensorflow/tfjs-core';

/** What a custom op's forward function returns: the value and the gradient of the inputs given dy. */
export interface CustomOpResult<O extends tf.Tensor> {
  value: O;
  /** dL/d(inputs) from dy = dL/dvalue and the tensors passed to `save`: one tensor per input, in order. */
  gradFunc: (dy: O, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

/**
 * tf.customGrad with its types kept: `forward(...inputs, save)` returns `{ value, gradFunc }`; the op takes the
 * inputs and returns the value's type. tfjs types `customGrad`'s argument as taking `(...args: Tensor[])`, which
 * a function whose last parameter is the save callback does not match, hence the one cast here.
 *
 * Shapes: whatever `forward` makes; the gradient of input i must have input i's shape.
 *
 * @example
 * ```ts
 * // identity forward, zero gradient (a stop-gradient)
 * const stop = customOp((x: tf.Tensor, _save: tf.GradSaveFunc) => ({ value: tf.clone(x), gradFunc: (dy) => tf.zerosLike(dy) }));
 * tf.grad((x) => tf.sum(stop(x)))(tf.tensor1d([1, 2])); // [0, 0]
 * ```
 */
export function customOp<I extends tf.Tensor[], O extends tf.Tensor>(
  forward: (...args: [...I, tf.GradSaveFunc]) => CustomOpResult<O>,
): (...inputs: I) => O {
  const op = tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]);
  return (...inputs: I) => op(...inputs) as O;
}
