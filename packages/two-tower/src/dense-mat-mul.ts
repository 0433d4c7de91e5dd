/** a [m, k] times b [k, n] -> [m, n], with a gradient that multiplies by materialised transposes. */
import * as tf from '@tensorflow/tfjs-core';
import { castToFloat32, argumentError, customOp } from '@croloss/internal';

/**
 * a [m, k] times b [k, n] -> [m, n], with a gradient that multiplies by materialised transposes:
 * da = dy (b^T), db = (a^T) dy. Same values and gradients as tf.matMul(a, b), but tfjs's own gradient uses the
 * transposeA / transposeB variants, which the wasm backend runs 13-17x slower than plain products
 * (measured on a [256, 32] x [32, 2560] score matrix: 2.9 ms plain, 36.6 ms with transposeB). int32 and bool inputs
 * are cast to float32 (the float32 product); a rank other than 2 or mismatched inner sizes throw.
 *
 * @example
 * ```ts
 * denseMatMul(tf.ones([2, 3]) as tf.Tensor2D, tf.ones([3, 4]) as tf.Tensor2D); // [2, 4] of 3s
 * ```
 */
export function denseMatMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  for (const [argument, value, hint] of [['a', a, '[m, k]'], ['b', b, '[k, n]']] as const) {
    if (!(value instanceof tf.Tensor) || value.rank !== 2) {
      throw argumentError('denseMatMul', argument, `a tf.Tensor2D ${hint}`, value instanceof tf.Tensor ? `shape [${value.shape}]` : value);
    }
  }
  if (a.shape[1] !== b.shape[0]) {
    throw argumentError('denseMatMul', 'b', `shape [${a.shape[1]}, n] (its rows = the columns of a)`, `shape [${b.shape}]`);
  }
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return tf.tidy(() => denseMatMul(castToFloat32(a), castToFloat32(b)));
  const op = customOp((x: tf.Tensor2D, y: tf.Tensor2D, save: tf.GradSaveFunc) => {
    save([x, y]);
    return {
      value: tf.matMul(x, y),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ys] = saved as tf.Tensor2D[];
        return [tf.tidy(() => tf.matMul(dy as tf.Tensor2D, tf.transpose(ys))), tf.tidy(() => tf.matMul(tf.transpose(xs), dy as tf.Tensor2D))];
      },
    };
  });
  return op(a, b) as tf.Tensor2D;
}
