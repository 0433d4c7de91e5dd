import * as tf from '@tensorflow/tfjs-core';

/**
 * log(1 + sum_j e^(x_j)) per row of x [B, K] -> [B], computed as m + log(e^-m + sum_j e^(x_j - m)) with
 * m = max(0, max_j x_j), so it is finite for any finite x. Its gradient is the softmax over [0, x]:
 * d/dx_j = e^(x_j - value). One exp forward and one backward (tf.logSumExp over a concatenated column of zeros
 * costs a copy, and its gradient goes through max).
 *
 * @example
 * ```ts
 * logOnePlusSumExp(tf.tensor2d([[0, 0], [1e4, -1e4]])); // [log 3, 1e4]
 * ```
 */
export function logOnePlusSumExp(x: tf.Tensor2D): tf.Tensor1D {
  const op = tf.customGrad(((input: tf.Tensor2D, save: tf.GradSaveFunc) => {
    const value = tf.tidy(() => {
      const m = tf.maximum(tf.max(input, 1), 0);
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
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(x) as tf.Tensor1D;
}
