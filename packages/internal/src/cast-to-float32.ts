/** The float32 cast every package uses: tf.cast, plus a copy on webgpu where tfjs 4.22 shares the int/bool buffer. */
import * as tf from '@tensorflow/tfjs-core';

/**
 * `x` as float32 in a buffer of its own: `tf.cast(x, 'float32')` followed by `+ 0` on the webgpu backend.
 *
 * Why: tfjs-backend-webgpu 4.22 implements bool → float32 and int32 → float32 casts without copying
 * (the float tensor keeps the bool/int32 buffer), and some of its programs read that buffer without a
 * conversion. A `TransposeProgram` over such a tensor (a Sum over a non-innermost axis, a transposed
 * product in a backward pass) is then compiled as `i32` in, `f32` out and fails WGSL validation. One
 * element-wise op materialises real float32 values and avoids it; other backends cast as usual.
 *
 * Shapes: any; returns the same shape, dtype float32. A float32 `x` is returned as is.
 *
 * @example
 * ```ts
 * const ids = tf.tensor1d([0, 3, 5], 'int32');
 * castToFloat32(tf.notEqual(ids, 0)); // [0, 1, 1]: 1 where ids != 0, else 0, float32
 * ```
 */
export function castToFloat32<T extends tf.Tensor>(x: T): T {
  if (x.dtype === 'float32') return x;
  if (tf.getBackend() !== 'webgpu') return tf.cast(x, 'float32');
  return tf.tidy(() => tf.add(tf.cast(x, 'float32'), tf.scalar(0)) as T);
}
