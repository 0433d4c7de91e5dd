/** Tests of logOnePlusSumExp. */
import * as tf from '@tensorflow/tfjs-core';
import { expectNoLeaks, finiteDifferenceGradient, maxRelativeError, randomNormalArray } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { logOnePlusSumExp } from './blocks';

const reference = (row: ArrayLike<number>) => {
  const m = Math.max(0, ...Array.from(row));
  return m + Math.log(Math.exp(-m) + Array.from(row).reduce((s, v) => s + Math.exp(v - m), 0));
};

describe('logOnePlusSumExp', () => {
  it('equals log(1 + sum e^x) in float64, including huge and tiny rows, and its gradient matches finite differences', () => {
    const rows = [Array.from(randomNormalArray(1, 6, 0, 3)), [1e4, -1e4, 3, 0, 0, 0], [-1e4, -1e4, -1e4, -1e4, -1e4, -1e4]];
    const got = tf.tidy(() => logOnePlusSumExp(tf.tensor2d(rows)).dataSync());
    expect(maxRelativeError(got, rows.map(reference), 1e-7)).toBeLessThan(1e-6);
    const grad = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(logOnePlusSumExp(x as tf.Tensor2D)))(tf.tensor2d([rows[0]])).dataSync());
    const fd = finiteDifferenceGradient((x) => reference(x), rows[0], 1e-6);
    expect(maxRelativeError(grad, fd, 1e-6)).toBeLessThan(1e-4);
  });

  it('leaks nothing', async () => {
    await expectNoLeaks(() => tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(logOnePlusSumExp(x as tf.Tensor2D)))(tf.ones([2, 3]))));
  });
});
