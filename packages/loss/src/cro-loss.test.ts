/** Tests: croLossFromScores and croLoss equal the float64 reference of eq. 16 / eq. 24. */
import * as tf from '@tensorflow/tfjs-core';
import { exponential, hinge, sigmoid, softplus, unitStep } from '@croloss/kernels';
import { powerLaw } from '@croloss/weighting';
import { expectNoLeaks, finiteDifferenceGradient, maxRelativeError, randomNormalArray, randomUniformArray } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { rankStatistic } from './blocks';
import { croLoss, croLossFromScores } from './index';
import { croLossRef, type RefCase } from './reference.test-helpers';

const kernels = { sigmoid: sigmoid(), exponential: exponential(), softplus: softplus(), hinge: hinge(), 'unit-step': unitStep() };

function randomCase(seed: number, batch: number, k: number, extra: Partial<RefCase> = {}): RefCase {
  const pos = Array.from(randomNormalArray(seed, batch, 0, 0.5));
  const flat = randomNormalArray(seed + 1, batch * k, 0, 0.5);
  const neg = Array.from({ length: batch }, (_, b) => Array.from(flat.subarray(b * k, (b + 1) * k)));
  return { pos, neg, alpha: 1, ...extra };
}
const read = (t: tf.Tensor): number[] => { const v = Array.from(t.dataSync()); t.dispose(); return v; };

describe('croLossFromScores equals the float64 eq. 16 / eq. 24', () => {
  for (const [name, kernel] of Object.entries(kernels)) {
    for (const alpha of [0, 0.6, 1, 1.2, 2]) {
      it(`${name}, alpha ${alpha}, exact and sampled, with tau`, () => {
        for (const numItems of [undefined, 12101]) {
          const c = randomCase(alpha * 100 + name.length, 6, 40, { alpha, numItems, tau: 3 });
          const got = read(croLossFromScores(c.pos, c.neg, { kernel, alpha, numItems, tau: 3 }));
          expect(maxRelativeError(got, croLossRef(c, name), 1e-6)).toBeLessThan(3e-5);
        }
      });
    }
  }

  it('masks drop negatives and rescale each row by its own count (eq. 24)', () => {
    const c = randomCase(5, 4, 30, { alpha: 1.2, numItems: 5000, tau: 10 });
    const mask = c.neg.map((row, b) => row.map((_, j) => ((j + b) % 3 === 0 ? 0 : 1)));
    const got = read(croLossFromScores(c.pos, c.neg, { kernel: softplus(), alpha: 1.2, numItems: 5000, tau: 10, mask }));
    expect(maxRelativeError(got, croLossRef({ ...c, mask }, 'softplus'), 1e-6)).toBeLessThan(3e-5);
  });

  it('a row with every negative masked has R = 1 and loss 0, with no NaN', () => {
    const got = read(croLossFromScores([0.1, 0.2], [[0.5, 0.6], [0.1, 0.9]], { numItems: 100, mask: [[0, 0], [1, 1]] }));
    expect(got[0]).toBe(0);
    expect(got[1]).toBeGreaterThan(0);
  });

  it('unnormalised weighting: log R at alpha 1, R - 1 at alpha 0', () => {
    const c = randomCase(9, 3, 12, { alpha: 1, normalize: false });
    const got = read(croLossFromScores(c.pos, c.neg, { kernel: sigmoid(), alpha: 1, normalize: false }));
    expect(maxRelativeError(got, croLossRef(c, 'sigmoid'), 1e-6)).toBeLessThan(2e-5);
  });
});

describe('the unit-step kernel gives the exact rank', () => {
  it('R_psi = 1 + #{negatives scoring >= the positive}, and W_alpha(R_psi) is the Recall weighting', () => {
    const batch = 20;
    const k = 200;
    const c = randomCase(21, batch, k, { alpha: 1.2 });
    const exactRank = c.pos.map((p, b) => 1 + c.neg[b].filter((n) => n >= p).length);
    expect(read(rankStatistic(tf.tensor2d(c.neg.map((row, b) => row.map((n) => n - c.pos[b]))), unitStep(), null, 1))).toEqual(exactRank);
    const w = powerLaw({ alpha: 1.2, numItems: k + 1 });
    const expected = read(w.cdf(exactRank));
    expect(maxRelativeError(read(croLossFromScores(c.pos, c.neg, { kernel: unitStep(), alpha: 1.2 })), expected, 1e-7)).toBeLessThan(1e-6);
  });
});

describe('croLoss (tfjs-layers form)', () => {
  it('equals the scores form on one-hot rows, for any positive column', () => {
    const c = randomCase(3, 5, 9, { alpha: 0.8, numItems: 700, tau: 2 });
    const columns = [0, 3, 9, 5, 1];
    const yPred = c.pos.map((p, b) => { const row = [...c.neg[b]]; row.splice(columns[b], 0, p); return row; });
    const got = read(croLoss(tf.oneHot(columns, 10), yPred, { kernel: sigmoid(), alpha: 0.8, numItems: 700, tau: 2 }));
    expect(maxRelativeError(got, croLossRef(c, 'sigmoid'), 1e-6)).toBeLessThan(3e-5);
  });

  it("multiHot 'each' averages the per-positive losses; 'pooled' ranks the mean positive score", () => {
    const scores = [[2.0, 0.5, 1.0, -1.0, 0.3], [0.1, 0.2, 0.3, 0.4, 0.5]];
    const labels = [[1, 0, 1, 0, 0], [0, 0, 0, 1, 0]];
    const each = read(croLoss(labels, scores, { kernel: softplus(), alpha: 1, multiHot: 'each' }));
    // row 0: positives 2.0 and 1.0, negatives 0.5, -1.0, 0.3 (the other positive is not a negative)
    const row0 = [2.0, 1.0].map((p) => croLossRef({ pos: [p], neg: [[0.5, -1.0, 0.3]], alpha: 1, numItems: undefined }, 'softplus')[0]);
    // the corpus for W is the number of candidates C = 5 in both rows
    const w = (r: number) => Math.log(r) / Math.log(6);
    const sp = (x: number) => Math.log1p(Math.exp(x));
    const rank = (p: number, negs: number[]) => 1 + negs.reduce((s, n) => s + sp(n - p), 0);
    expect(each[0]).toBeCloseTo((w(rank(2, [0.5, -1, 0.3])) + w(rank(1, [0.5, -1, 0.3]))) / 2, 5);
    expect(each[1]).toBeCloseTo(w(rank(0.4, [0.1, 0.2, 0.3, 0.5])), 5);
    expect(row0.length).toBe(2);
    const pooled = read(croLoss(labels, scores, { kernel: softplus(), alpha: 1 }));
    expect(pooled[0]).toBeCloseTo(w(rank(1.5, [0.5, -1, 0.3])), 5);
    expect(pooled[1]).toBeCloseTo(each[1], 5);
  });

  it('rows without a positive give 0; int labels and reductions follow tfjs conventions', () => {
    const perRow = read(croLoss(tf.tensor2d([[0, 0, 0], [0, 1, 0]], undefined, 'int32'), [[1, 2, 3], [1, 2, 3]]));
    expect(perRow[0]).toBe(0);
    expect(perRow[1]).toBeGreaterThan(0);
    const mean = read(croLoss([[0, 1, 0], [1, 0, 0]], [[1, 2, 3], [1, 2, 3]], { reduction: 'mean' }));
    const sum = read(croLoss([[0, 1, 0], [1, 0, 0]], [[1, 2, 3], [1, 2, 3]], { reduction: tf.Reduction.SUM }));
    const none = read(croLoss([[0, 1, 0], [1, 0, 0]], [[1, 2, 3], [1, 2, 3]]));
    expect(mean[0]).toBeCloseTo((none[0] + none[1]) / 2, 6);
    expect(sum[0]).toBeCloseTo(none[0] + none[1], 6);
  });
});

describe('gradients', () => {
  for (const name of ['sigmoid', 'exponential', 'softplus', 'hinge'] as const) {
    it(`${name}: tf.grad of croLoss matches finite differences of the float64 loss`, () => {
      const k = 7;
      const pos = [0.3];
      const neg = Array.from(randomUniformArray(31, k, -1, 1)).map((v) => v + 0.013); // keep hinge off its kink
      const options = { kernel: kernels[name], alpha: 1.3, numItems: 900, tau: 2 };
      const [gPos, gNeg] = tf.tidy(() =>
        tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(croLossFromScores(p, n, options)))([tf.tensor1d(pos), tf.tensor2d([neg])]).map((g) => g.dataSync()),
      );
      const f = (x: Float64Array) => croLossRef({ pos: [x[0]], neg: [Array.from(x.subarray(1))], alpha: 1.3, numItems: 900, tau: 2 }, name)[0];
      const fd = finiteDifferenceGradient(f, [...pos, ...neg], 1e-6);
      expect(maxRelativeError([...gPos, ...gNeg], Array.from(fd), 1e-5)).toBeLessThan(2e-3);
    });
  }
});

describe('numerical extremes', () => {
  const extremes = { pos: [0, 0, 0], neg: [[1e4, -1e4, 0], [-1e4, -1e4, -1e4], [1e4, 1e4, 1e4]] };
  for (const [name, kernel] of Object.entries(kernels).filter(([n]) => n !== 'unit-step')) {
    for (const alpha of name === 'exponential' ? [1, 1.5, 3] : [0, 1, 3]) {
      it(`${name}, alpha ${alpha}: finite loss and gradient for gaps of +-1e4 (tau 10, 1e8 items)`, () => {
        const [value, grad] = tf.tidy(() => {
          const pos = tf.tensor1d(extremes.pos.map((x) => x / 10));
          const neg = tf.tensor2d(extremes.neg.map((r) => r.map((x) => x / 10)));
          const f = (n: tf.Tensor) => tf.sum(croLossFromScores(pos, n, { kernel, alpha, tau: 10, numItems: 1e8 }));
          return [f(neg).dataSync(), tf.grad(f)(neg).dataSync()];
        });
        expect(Number.isFinite(value[0]), `loss ${value[0]}`).toBe(true);
        expect(Array.from(grad).every(Number.isFinite), `grad ${grad}`).toBe(true);
      });
    }
  }
});

describe('tensor hygiene and bad input', () => {
  it('leaks no tensors in value or gradient, in both forms', async () => {
    await expectNoLeaks(() => croLossFromScores([0.1, 0.2], [[0.3, 0.1], [0.5, 0.0]], { numItems: 50, mask: [[1, 0], [1, 1]] }));
    await expectNoLeaks(() => croLoss([[1, 0, 0]], [[0.2, 0.4, 0.1]], { kernel: exponential(), multiHot: 'each' }));
    await expectNoLeaks(() => tf.tidy(() => tf.grad((n: tf.Tensor) => tf.sum(croLossFromScores([0.1], n, { kernel: exponential(), alpha: 1.2 })))(tf.tensor2d([[0.3, 0.1]]))));
  });

  const pos = [0.1, 0.2];
  const neg = [[0.3, 0.1], [0.5, 0.0]];
  // zero negatives, an empty batch and a single column are results, not errors: see bad-input-matrix.test.ts
  const cases: Array<[string, () => unknown, string]> = [
    ['wrong rank of negatives', () => croLossFromScores(pos, [0.1, 0.2]), "croLossFromScores: argument 'negativeScores' must have rank 2 (shape [B, K]), got shape [2]"],
    ['wrong rank of positives', () => croLossFromScores([[0.1], [0.2]], neg), "argument 'positiveScores' must have rank 1"],
    ['mismatched batch', () => croLossFromScores([0.1, 0.2, 0.3], neg), "argument 'positiveScores' must have shape [2] (one positive score per row of negativeScores), got [3]"],
    ['mask shape', () => croLossFromScores(pos, neg, { mask: [[1, 1, 1], [1, 1, 1]] }), "argument 'mask' must have shape [2,2]"],
    ['NaN alpha', () => croLossFromScores(pos, neg, { alpha: NaN }), "croLossFromScores: argument 'alpha' must be a finite number >= 0, got NaN"],
    ['negative alpha', () => croLossFromScores(pos, neg, { alpha: -1 }), "argument 'alpha' must be a finite number >= 0, got -1"],
    ['numItems below the negatives', () => croLossFromScores(pos, neg, { numItems: 1 }), "argument 'numItems' must be >= the number of negatives per row (2), got 1"],
    ['non-integer numItems', () => croLossFromScores(pos, neg, { numItems: 10.5 }), "argument 'numItems' must be an integer >= 1, got 10.5"],
    ['bad tau', () => croLossFromScores(pos, neg, { tau: 0 }), "argument 'tau' must be a finite number > 0, got 0"],
    ['not a kernel', () => croLossFromScores(pos, neg, { kernel: 'softplus' as never }), "argument 'kernel' must be a ComparisonKernel"],
    ['bad reduction', () => croLossFromScores(pos, neg, { reduction: 'avg' as never }), "argument 'reduction' must be 'none', 'mean', 'sum' or a tf.Reduction, got \"avg\""],
    ['labels of another shape', () => croLoss([[1, 0]], [[0.1, 0.2, 0.3]]), "croLoss: argument 'yTrue' must have shape [1,3] (same as yPred), got [1,2]"],
    ['bad multiHot', () => croLoss([[1, 0]], [[0.1, 0.2]], { multiHot: 'all' as never }), "argument 'multiHot' must be 'pooled' or 'each'"],
  ];
  for (const [label, call, message] of cases) {
    it(`rejects ${label}, naming the argument, and leaks nothing`, () => {
      const before = tf.memory().numTensors;
      expect(call).toThrow(message);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
