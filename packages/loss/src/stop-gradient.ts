/** SG(x): the value of x with no gradient flowing back (tfjs has no stopGradient op). */
import * as tf from '@tensorflow/tfjs-core';
import { checkTensorArgument, customOp } from '@croloss/internal';

/**
 * SG(x): the value of x with no gradient flowing back through it (tfjs has no stopGradient op).
 * The Lambda method (eq. 23) wraps its multiplier w_alpha(R_phi1) in it.
 *
 * @example
 * ```ts
 * tf.grad((x) => tf.mul(stopGradient(x), x))(tf.scalar(3)); // 3, not 6
 * ```
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  checkTensorArgument('stopGradient', 'x', x);
  return customOp((input: tf.Tensor, _save: tf.GradSaveFunc) => ({
    value: tf.clone(input),
    gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
  }))(x) as T;
}
