/** Tests of comparison kernels. */
import * as tf from '@tensorflow/tfjs-core';
import { expectNoLeaks, finiteDifferenceGradient, maxRelativeError, randomNormalArray } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { exponential, hinge, sigmoid, softplus, unitStep, type ComparisonKernel } from './index';

// Independent float64 definitions of each kernel (CROLoss section 4.1).
const reference: Record<string, (x: number) => number> = {
  'unit-step': (x) => (x >= 0 ? 1 : 0),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  exponential: (x) => Math.exp(x),
  softplus: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  hinge: (x) => Math.max(0, x + 0.5),
};
const kernels: ComparisonKernel[] = [unitStep(), sigmoid(), exponential(), softplus(), hinge()];

describe('comparison kernels', () => {
  const xs = Array.from(randomNormalArray(11, 400, 0, 4));
  for (const kernel of kernels) {
    it(`${kernel.name} equals its float64 formula`, () => {
      const got = tf.tidy(() => kernel.apply(tf.tensor1d(xs)).dataSync());
      expect(maxRelativeError(got, xs.map(reference[kernel.name]))).toBeLessThan(2e-6);
    });
  }

  for (const kernel of kernels.filter((k) => k.differentiable)) {
    it(`${kernel.name}: gradient matches central finite differences`, () => {
      const points = [-3.1, -1.2, -0.3, 0.4, 1.7, 2.9];
      const grad = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(kernel.apply(x)))(tf.tensor1d(points)).dataSync());
      const f = reference[kernel.name];
      const fd = finiteDifferenceGradient((x) => x.reduce((s, v) => s + f(v), 0), points);
      expect(maxRelativeError(grad, fd, 1e-4)).toBeLessThan(1e-4);
    });
  }

  it('unit step is exact at 0 and has a zero gradient', () => {
    const [value, grad] = tf.tidy(() => {
      const x = tf.tensor1d([-1e-7, 0, 1e-7]);
      return [unitStep().apply(x).dataSync(), tf.grad((t: tf.Tensor) => tf.sum(unitStep().apply(t)))(x).dataSync()];
    });
    expect(Array.from(value)).toEqual([0, 1, 1]);
    expect(Array.from(grad)).toEqual([0, 0, 0]);
  });

  it('hinge uses its margin, and the exponential exposes an overflow-free log', () => {
    const [h, logExp] = tf.tidy(() => [
      hinge({ margin: 2 }).apply(tf.tensor1d([-3, -2, 1])).dataSync(),
      exponential().logApply!(tf.tensor1d([1e4])).dataSync(),
    ]);
    expect(Array.from(h)).toEqual([0, 0, 3]);
    expect(logExp[0]).toBe(1e4);
  });

  it('every kernel is finite with finite gradients at gaps of +-1e4 (exponential through logApply)', () => {
    for (const kernel of kernels) {
      const [value, grad] = tf.tidy(() => {
        const x = tf.tensor1d([-1e4, 1e4]);
        const fn = kernel.logApply ?? kernel.apply;
        return [fn(x).dataSync(), tf.grad((t: tf.Tensor) => tf.sum(fn(t)))(x).dataSync()];
      });
      expect([...value, ...grad].every(Number.isFinite), kernel.name).toBe(true);
    }
  });

  it('leaks no tensors', async () => {
    for (const kernel of kernels) await expectNoLeaks(() => tf.tidy(() => kernel.apply(tf.ones([3, 4]))));
  });

  it('rejects a negative or non-finite margin, naming it', () => {
    expect(() => hinge({ margin: -1 })).toThrow("hinge: argument 'margin' must be a finite number >= 0, got -1");
    expect(() => hinge({ margin: NaN })).toThrow("got NaN");
  });
});
