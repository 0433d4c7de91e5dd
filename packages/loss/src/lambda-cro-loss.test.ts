/** Tests of lambdaCroLoss (eq. 21-23). */
import * as tf from '@tensorflow/tfjs-core';
import { exponential, hinge, sigmoid, softplus, unitStep, type ComparisonKernel } from '@croloss/kernels';
import { expectNoLeaks, maxRelativeError, randomNormalArray } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { croLossFromScores, lambdaCroLoss, lambdaCroLossFromScores } from './index';
import { density, lambdaLossRef, phiPrime, rankRef, type RefCase } from './reference.test-helpers';

const kernels: Record<string, ComparisonKernel> = { sigmoid: sigmoid(), exponential: exponential(), softplus: softplus(), hinge: hinge(), 'unit-step': unitStep() };
const read = (t: tf.Tensor): number[] => { const v = Array.from(t.dataSync()); t.dispose(); return v; };

function randomCase(seed: number, batch: number, k: number, extra: Partial<RefCase>): RefCase {
  const pos = Array.from(randomNormalArray(seed, batch, 0, 0.3));
  const flat = randomNormalArray(seed + 7, batch * k, 0, 0.3);
  return { pos, neg: Array.from({ length: batch }, (_, b) => Array.from(flat.subarray(b * k, (b + 1) * k))), alpha: 1, ...extra };
}

const pairs: Array<[string, string]> = [['sigmoid', 'softplus'], ['unit-step', 'hinge'], ['sigmoid', 'exponential'], ['unit-step', 'softplus']];

describe('lambdaCroLoss (eq. 21-23)', () => {
  for (const [phi1, phi2] of pairs) {
    it(`${phi1} / ${phi2}: value SG(w(R_phi1)) * R_phi2 equals the float64 formula`, () => {
      const c = randomCase(phi1.length * 13 + phi2.length, 5, 50, { alpha: 1.2, numItems: 20000, tau: 4 });
      const got = read(lambdaCroLossFromScores(c.pos, c.neg, { weightKernel: kernels[phi1], gradientKernel: kernels[phi2], alpha: 1.2, numItems: 20000, tau: 4 }));
      expect(maxRelativeError(got, lambdaLossRef(c, phi1, phi2), 1e-9)).toBeLessThan(3e-5);
    });

    it(`${phi1} / ${phi2}: gradient of each gap is lambda * s * phi2'(g) (eq. 22)`, () => {
      const tau = 4;
      const c = randomCase(phi2.length * 3 + phi1.length, 4, 30, { alpha: 1.2, numItems: 20000, tau });
      const grad = tf.tidy(() => {
        const pos = tf.tensor1d(c.pos);
        const f = (n: tf.Tensor) => tf.sum(lambdaCroLossFromScores(pos, n, { weightKernel: kernels[phi1], gradientKernel: kernels[phi2], alpha: 1.2, numItems: 20000, tau }));
        return tf.grad(f)(tf.tensor2d(c.neg)).dataSync();
      });
      const r1 = rankRef(c, phi1);
      const scale = 20000 / 30;
      // d/d neg = d/d g * tau, g = tau (neg - pos)
      const expected = c.neg.flatMap((row, b) => row.map((n) => density(r1[b], 1.2, 20000) * scale * phiPrime[phi2](tau * (n - c.pos[b])) * tau));
      expect(maxRelativeError(grad, expected, 1e-9)).toBeLessThan(3e-5);
    });
  }

  it('with phi1 = phi2 its gradient equals the gradient of croLoss (the Lambda method generalises eq. 20)', () => {
    const c = randomCase(77, 6, 25, { alpha: 0.8 });
    const grads = (fn: (p: tf.Tensor, n: tf.Tensor) => tf.Tensor) =>
      tf.tidy(() => tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(fn(p, n)))([tf.tensor1d(c.pos), tf.tensor2d(c.neg)]).flatMap((g) => Array.from(g.dataSync())));
    const options = { alpha: 0.8, numItems: 3000, tau: 5 };
    const lambda = grads((p, n) => lambdaCroLossFromScores(p, n, { ...options, weightKernel: softplus(), gradientKernel: softplus() }));
    const plain = grads((p, n) => croLossFromScores(p, n, { ...options, kernel: softplus() }));
    expect(maxRelativeError(lambda, plain, 1e-7)).toBeLessThan(1e-4);
  });

  it('no gradient flows through the multiplier: with a unit-step phi1 the gradient is exactly lambda * phi2\'', () => {
    const c = { pos: [0], neg: [[0.5, -0.5, 1.5]], alpha: 1 };
    const grad = tf.tidy(() => tf.grad((n: tf.Tensor) => tf.sum(lambdaCroLossFromScores([0], n, { weightKernel: unitStep(), gradientKernel: hinge(), alpha: 1 })))(tf.tensor2d(c.neg)).dataSync());
    // exact rank 3 (two negatives >= 0) over a corpus of 4: w_1(3) = 1 / (3 log 5); hinge' = 1 where g > -0.5
    const w = 1 / (3 * Math.log(5));
    expect(maxRelativeError(grad, [w, 0, w])).toBeLessThan(1e-6);
  });

  it('the layers form equals the scores form on one-hot rows', () => {
    const got = read(lambdaCroLoss([[0, 1, 0]], [[0.2, 0.9, 0.4]], { alpha: 1.1 }));
    const scores = read(lambdaCroLossFromScores([0.9], [[0.2, 0.4]], { alpha: 1.1 }));
    expect(got[0]).toBeCloseTo(scores[0], 6);
  });

  it('leaks nothing and rejects a non-differentiable gradient kernel or a missing kernel', async () => {
    await expectNoLeaks(() => tf.tidy(() => tf.grad((n: tf.Tensor) => tf.sum(lambdaCroLossFromScores([0.1], n, { numItems: 10 })))(tf.tensor2d([[0.3, 0.1]]))));
    expect(() => lambdaCroLossFromScores([0.1], [[0.2]], { gradientKernel: unitStep() })).toThrow(
      "lambdaCroLossFromScores: argument 'gradientKernel' must be a differentiable kernel (the unit step has no gradient), got \"unit-step\"",
    );
    expect(() => lambdaCroLoss([[1, 0]], [[0.1, 0.2]], { weightKernel: {} as never })).toThrow("lambdaCroLoss: argument 'weightKernel' must be a ComparisonKernel");
  });
});
