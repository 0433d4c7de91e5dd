/**
 * Test helper (not exported): a matMul on the active backend against a float64 product in plain JS.
 */
import * as tf from '@tensorflow/tfjs-core';
import { randomNormalArray } from '@croloss/testing';

/**
 * Max over entries of |C_ij - C64_ij| / sum_p |A_ip B_pj|: the error of tf.matMul on the active
 * backend against the float64 product of the same float32 inputs, relative to the dot product's
 * own rounding scale (float32 summation keeps it below about k * 6e-8, typically sqrt(k) * 6e-8).
 */
export async function matMulError(m = 37, k = 53, n = 29, seed = 7): Promise<number> {
  const a = Float32Array.from(randomNormalArray(seed, m * k));
  const b = Float32Array.from(randomNormalArray(seed + 1, k * n));
  const product = tf.tidy(() => tf.matMul(tf.tensor2d(a, [m, k]), tf.tensor2d(b, [k, n])));
  const got = await product.data();
  product.dispose();
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let exact = 0;
      let scale = 0;
      for (let p = 0; p < k; p++) {
        exact += a[i * k + p] * b[p * n + j];
        scale += Math.abs(a[i * k + p] * b[p * n + j]);
      }
      const error = Math.abs(got[i * n + j] - exact) / scale;
      worst = error <= worst ? worst : Number.isNaN(error) ? Infinity : error;
    }
  }
  return worst;
}
