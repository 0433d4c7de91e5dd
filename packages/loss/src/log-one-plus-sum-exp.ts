/** log(1 + sum_j e^(x_j)) per row of x [B, K] -> [B], computed as m + log(e^-m + sum_j e^(x_j - m)) with m = max(0, max_j x_j),... */
import * as tf from '@tensorflow/tfjs-core';
import { castToFloat32, checkTensorArgument, customOp } from '@croloss/internal';

/** Largest finite float32: caps the shift m so that a +Infinity entry gives +Infinity instead of Inf - Inf = NaN. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * log(1 + sum_j e^(x_j)) per row of x [B, K] -> [B], computed as m + log(e^-m + sum_j e^(x_j - m)) with
 * m = max(0, max_j x_j), so it is finite for any finite x. Its gradient is the softmax over [0, x]:
 * d/dx_j = e^(x_j - value). One exp forward and one backward (tf.logSumExp over a concatenated column of zeros
 * costs a copy, and its gradient goes through max).
 *
 * Edge cases: a row with no entries (K = 0) gives log 1 = 0; -Infinity entries contribute e^-Inf = 0 (gradient 0);
 * a +Infinity entry gives +Infinity (its gradient is then NaN); NaN gives NaN. int32 and bool input is cast to float32.
 *
 * @example
 * ```ts
 * logOnePlusSumExp(tf.tensor2d([[0, 0], [1e4, -1e4]])); // [log 3, 1e4]
 * ```
 */
export function logOnePlusSumExp(x: tf.Tensor2D): tf.Tensor1D {
  checkTensorArgument('logOnePlusSumExp', 'x', x, 2, '[B, K]');
  if (x.shape[1] === 0) return tf.tidy(() => tf.sum(castToFloat32(x), 1)) as tf.Tensor1D; // tf.max of an empty row is NaN
  const op = customOp((input: tf.Tensor2D, save: tf.GradSaveFunc) => {
    const value = tf.tidy(() => {
      const m = tf.clipByValue(tf.max(input, 1), 0, FLOAT32_MAX);
      const sum = tf.add(tf.exp(tf.neg(m)), tf.sum(tf.exp(tf.sub(input, tf.expandDims(m, 1))), 1));
      return tf.add(m, tf.log(sum));
    });
    save([input, value]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, lse] = saved;
        return tf.tidy(() => tf.mul(tf.expandDims(dy, 1), tf.exp(tf.sub(xs, tf.expandDims(lse, 1)))));
      },
    };
  });
  if (x.dtype === 'float32') return op(x) as tf.Tensor1D;
  return tf.tidy(() => op(castToFloat32(x)) as tf.Tensor1D);
}
