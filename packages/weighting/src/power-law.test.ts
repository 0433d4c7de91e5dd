/** Tests of powerLaw weighting (eq. 12-13). */
import * as tf from '@tensorflow/tfjs-core';
import { expectNoLeaks, finiteDifferenceGradient, maxRelativeError } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { defineWeighting, expm1Accurate, powerLaw } from './index';

// The paper's eq. 13, written directly in float64.
function referenceCdf(x: number, alpha: number, n: number): number {
  if (alpha === 1) return Math.log(x) / Math.log(n + 1);
  return (1 - x ** (1 - alpha)) / (1 - (n + 1) ** (1 - alpha));
}
// w = x^-alpha / Z with Z = integral_1^{n+1} x^-alpha dx (eq. 12).
function referenceDensity(x: number, alpha: number, n: number): number {
  const z = alpha === 1 ? Math.log(n + 1) : ((n + 1) ** (1 - alpha) - 1) / (1 - alpha);
  return x ** -alpha / z;
}

const ranks = [1, 1.5, 2, 7, 50, 100, 499.5, 2000, 12101];
const read = (t: tf.Tensor): number[] => { const v = Array.from(t.dataSync()); t.dispose(); return v; };

describe('powerLaw weighting (eq. 12-13)', () => {
  for (const alpha of [0, 0.3, 0.6, 0.8, 1, 1.2, 1.4, 2, 3]) {
    it(`alpha ${alpha}: cdf and density equal the float64 formulas`, () => {
      const w = powerLaw({ alpha, numItems: 12101 });
      expect(maxRelativeError(read(w.cdf(ranks)), ranks.map((x) => referenceCdf(x, alpha, 12101)), 1e-7)).toBeLessThan(2e-5);
      expect(maxRelativeError(read(w.density(ranks)), ranks.map((x) => referenceDensity(x, alpha, 12101)))).toBeLessThan(2e-5);
    });
  }

  it('the density integrates to 1 over [1, |I| + 1) and W reaches 1 there', () => {
    for (const alpha of [0, 0.7, 1, 1.6]) {
      const n = 5000;
      const w = powerLaw({ alpha, numItems: n });
      // trapezoid rule on a log-spaced grid of float32 densities
      const grid = Array.from({ length: 4001 }, (_, i) => Math.exp((Math.log(n + 1) * i) / 4000));
      const dens = read(w.density(grid));
      let integral = 0;
      for (let i = 1; i < grid.length; i++) integral += ((dens[i] + dens[i - 1]) / 2) * (grid[i] - grid[i - 1]);
      expect(integral).toBeCloseTo(1, 4);
      expect(read(w.cdf([n + 1]))[0]).toBeCloseTo(1, 6);
    }
  });

  it('the gradient of cdf is the density, and matches finite differences of eq. 13', () => {
    for (const alpha of [0, 0.8, 1, 1.2]) {
      const w = powerLaw({ alpha, numItems: 12101 });
      const grad = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(w.cdf(x)))(tf.tensor1d(ranks)).dataSync());
      const fd = finiteDifferenceGradient((x) => x.reduce((s, v) => s + referenceCdf(v, alpha, 12101), 0), ranks, 1e-4);
      expect(maxRelativeError(grad, fd, 1e-8)).toBeLessThan(1e-4);
    }
  });

  it('is continuous and accurate in float32 as alpha -> 1', () => {
    const at1 = read(powerLaw({ alpha: 1, numItems: 313966 }).cdf(ranks));
    for (const alpha of [1 - 1e-7, 1 + 1e-7, 1 + 1e-5]) {
      const near = read(powerLaw({ alpha, numItems: 313966 }).cdf(ranks));
      expect(maxRelativeError(near, at1, 1e-7)).toBeLessThan(1e-4);
    }
    // against the float64 formula, where float32 composition (x^(1-a) - 1) would lose every digit
    const alpha = 1 + 1e-4;
    const got = read(powerLaw({ alpha, numItems: 313966 }).cdf(ranks));
    expect(maxRelativeError(got, ranks.map((x) => referenceCdf(x, alpha, 313966)), 1e-7)).toBeLessThan(1e-5);
  });

  it('stays finite and accurate at alpha 3 with 1e8 items, and from the log domain', () => {
    const w = powerLaw({ alpha: 3, numItems: 1e8 });
    const xs = [1, 10, 1e4, 1e8];
    expect(maxRelativeError(read(w.cdf(xs)), xs.map((x) => referenceCdf(x, 3, 1e8)), 1e-7)).toBeLessThan(1e-5);
    const logs = read(w.cdfFromLog(xs.map(Math.log)));
    expect(maxRelativeError(logs, xs.map((x) => referenceCdf(x, 3, 1e8)), 1e-7)).toBeLessThan(1e-5);
    const huge = read(w.cdfFromLog([1e4]));
    expect(huge[0]).toBeCloseTo(1 / (1 - (1e8 + 1) ** -2), 6);
  });

  it('cdfFromLog has gradient x w(x) with respect to log x', () => {
    const w = powerLaw({ alpha: 1.4, numItems: 1000 });
    const grad = tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(w.cdfFromLog(t)))(tf.tensor1d(ranks.map(Math.log))).dataSync());
    expect(maxRelativeError(grad, ranks.map((x) => x * referenceDensity(x, 1.4, 1000)))).toBeLessThan(2e-5);
  });

  it('unnormalised: log x at alpha 1 (softmax) and x - 1 at alpha 0 (triplet, BPR)', () => {
    expect(maxRelativeError(read(powerLaw({ alpha: 1, numItems: 10, normalize: false }).cdf(ranks)), ranks.map(Math.log), 1e-7)).toBeLessThan(1e-6);
    expect(maxRelativeError(read(powerLaw({ alpha: 0, numItems: 10, normalize: false }).cdf(ranks)), ranks.map((x) => x - 1), 1e-7)).toBeLessThan(1e-6);
  });

  it('expm1Accurate is accurate for tiny, large and overflowing arguments', () => {
    const ys = [-200, -1, -1e-3, -1e-9, 0, 1e-9, 1e-6, 0.5, 80, 200];
    const got = read(expm1Accurate(tf.tensor1d(ys)));
    expect(maxRelativeError(got.slice(0, 9), ys.slice(0, 9).map(Math.expm1), 1e-30)).toBeLessThan(1e-6);
    expect(got[9]).toBe(Infinity);
  });

  it('leaks no tensors, gradients included', async () => {
    const w = powerLaw({ alpha: 1.2, numItems: 100 });
    await expectNoLeaks(() => [w.cdf([1, 2]), w.density([3]), w.cdfFromLog([0.5])]);
    await expectNoLeaks(() => tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(w.cdf(x)))(tf.tensor1d([2, 3]))));
  });

  it('rejects NaN or negative alpha and bad numItems, naming the argument', () => {
    expect(() => powerLaw({ alpha: NaN, numItems: 10 })).toThrow("powerLaw: argument 'alpha' must be a finite number >= 0, got NaN");
    expect(() => powerLaw({ alpha: -0.5, numItems: 10 })).toThrow("argument 'alpha' must be a finite number >= 0, got -0.5");
    expect(() => powerLaw({ alpha: 1, numItems: 0 })).toThrow("argument 'numItems' must be an integer >= 1, got 0");
    expect(() => powerLaw({ alpha: 1, numItems: 2.5 })).toThrow("got 2.5");
    expect(() => powerLaw(undefined as never)).toThrow("argument 'options'");
  });

  it('accepts custom weightings with a density and its CDF, and rejects incomplete ones', () => {
    const uniform = defineWeighting({ name: 'uniform-10', density: (x) => tf.mul(tf.onesLike(x), 0.1), cdf: (x) => tf.mul(tf.sub(x, 1), 0.1) });
    expect(read(uniform.cdf(tf.tensor1d([6])))[0]).toBeCloseTo(0.5, 6);
    expect(() => defineWeighting({ name: 'x', density: (x: tf.Tensor) => x } as never)).toThrow("defineWeighting: argument 'cdf'");
  });
});
