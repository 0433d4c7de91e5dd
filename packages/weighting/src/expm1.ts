/** e^y - 1 element-wise, accurate to a few float32 ulps for every y (Kahan's trick). */
import * as tf from '@tensorflow/tfjs-core';
import { toFloatTensor } from '@croloss/internal';

/**
 * e^y - 1 element-wise, accurate to a few float32 ulps for every y (Kahan's trick): with u = e^y,
 * expm1(y) = (u - 1) * y / log(u), exactly y when u rounds to 1, -1 when u underflows, u when it overflows.
 * Backends differ in `tf.expm1` (some compute exp(y) - 1, losing all digits for |y| < 1e-7); this does not.
 * Not meant to be differentiated through: callers give their own gradient. int32 and bool tensors are cast to
 * float32; anything that is not a numeric tensor throws. NaN gives NaN.
 */
export function expm1Accurate(y: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    y = toFloatTensor('expm1Accurate', 'y', y, true);
    const u = tf.exp(y);
    const ratio = tf.div(tf.mul(tf.sub(u, 1), y), tf.log(u));
    const general = tf.where(tf.equal(u, 0), tf.fill(y.shape, -1), ratio);
    const finite = tf.where(tf.isInf(u), u, general);
    return tf.where(tf.equal(u, 1), y, finite);
  });
}
