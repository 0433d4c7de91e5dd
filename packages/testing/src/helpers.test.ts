/** Tests of test helpers. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks, finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray } from './index';

describe('test helpers', () => {
  it('finite differences match an analytic gradient', () => {
    const f = (x: Float64Array) => x[0] ** 3 + Math.sin(x[1]);
    const g = finiteDifferenceGradient(f, [1.5, 0.3]);
    expect(g[0]).toBeCloseTo(3 * 1.5 ** 2, 6);
    expect(g[1]).toBeCloseTo(Math.cos(0.3), 6);
  });
  it('leak checks count tensors left behind and forgive returned ones', async () => {
    let kept: tf.Tensor | undefined;
    expect(await leakedTensors(() => { kept = tf.ones([2]); })).toBe(1);
    kept?.dispose();
    await expectNoLeaks(() => tf.ones([3]));
    await expect(expectNoLeaks(() => { kept = tf.zeros([1]); })).rejects.toThrow('1 leaked');
    kept?.dispose();
  });
  it('relative error treats NaN as infinitely wrong and seeded draws repeat', () => {
    expect(maxRelativeError([1, NaN], [1, 2])).toBe(Infinity);
    expect(Array.from(randomNormalArray(7, 4))).toEqual(Array.from(randomNormalArray(7, 4)));
  });
});
