// Importance-weighted rank statistic and CROLoss against float64 formulas, the exact log-q relation, unbiasedness, bad inputs.
import * as tf from '@tensorflow/tfjs-core';
import { exponential, hinge, sigmoid, softplus, unitStep } from '@croloss/kernels';
import { expectNoLeaks, expectThrowNoLeak, maxRelativeError, mulberry32, randomNormalArray } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { croLossFromScores, croLossFromWeightedScores, logImportanceWeights, weightedCroLoss } from './index';
import { rankStatistic, weightedLogRankStatistic, weightedRankStatistic } from './blocks';
import { cdf, phi } from './reference.test-helpers';

const B = 4;
const K = 6;
const kernels = { sigmoid: sigmoid(), softplus: softplus(), exponential: exponential(), hinge: hinge() } as const;

function rows(values: ArrayLike<number>, width: number): number[][] {
  return Array.from({ length: values.length / width }, (_, b) => Array.from(values).slice(b * width, (b + 1) * width));
}

/** float64: R_b = c_b + sum_j mask_bj w_bj phi(g_bj). */
function weightedRankRef(gaps: number[][], logW: number[][], mask: number[][] | null, leading: number[], kernel: string): number[] {
  return gaps.map((row, b) => row.reduce((sum, g, j) => sum + (mask && mask[b][j] === 0 ? 0 : Math.exp(logW[b][j]) * phi[kernel](g)), leading[b]));
}

describe('weightedRankStatistic / weightedLogRankStatistic', () => {
  const gaps = rows(randomNormalArray(1, B * K, 0, 1.5), K);
  const logW = rows(randomNormalArray(2, B * K, 1, 2), K);
  const mask = rows(Array.from({ length: B * K }, (_, i) => (i % 5 === 3 ? 0 : 1)), K);
  const leading = [1, 0.5, 3, 20];

  for (const [name, kernel] of Object.entries(kernels)) {
    it(`${name}: equals the float64 c + sum mask w phi(g) ([B, K] weights, mask, per-row c)`, async () => {
      const expected = weightedRankRef(gaps, logW, mask, leading, name);
      let actual: number[] = [];
      await expectNoLeaks(() => tf.tidy(() => {
        actual = Array.from(weightedRankStatistic(tf.tensor2d(gaps), kernel, tf.tensor2d(logW), tf.tensor2d(mask), tf.tensor1d(leading)).dataSync());
      }));
      expect(maxRelativeError(actual, expected)).toBeLessThan(1e-5);
    });
  }

  it('[K] shared log weights broadcast over rows and equal the [B, K] tiled form', () => {
    const shared = logW[0];
    tf.tidy(() => {
      const a = weightedRankStatistic(tf.tensor2d(gaps), softplus(), tf.tensor1d(shared), null, 1).dataSync();
      const expected = weightedRankRef(gaps, gaps.map(() => shared), null, [1, 1, 1, 1], 'softplus');
      expect(maxRelativeError(a, expected)).toBeLessThan(1e-5);
    });
  });

  it('exponential: the log form equals log of the plain form, and stays finite where the plain form overflows', () => {
    tf.tidy(() => {
      const plain = weightedRankStatistic(tf.tensor2d(gaps), exponential(), tf.tensor2d(logW), tf.tensor2d(mask), tf.tensor1d(leading)).dataSync();
      const log = weightedLogRankStatistic(tf.tensor2d(gaps), exponential(), tf.tensor2d(logW), tf.tensor2d(mask), tf.tensor1d(leading)).dataSync();
      expect(maxRelativeError(log, Array.from(plain, Math.log))).toBeLessThan(1e-5);
      const huge = weightedLogRankStatistic(tf.tensor2d([[200, 0]]), exponential(), tf.tensor1d([-Math.log(4), 0]), null, 2).dataSync();
      expect(huge[0]).toBeCloseTo(200 - Math.log(4), 3); // log(2 + e^(200 - log 4) + 1), e^200 overflows float32
    });
  });

  it('uniform q with c = |I| / M is eq. 24: equals rankStatistic(scale |I| / M) exactly', () => {
    const numItems = 1000;
    tf.tidy(() => {
      const logU = logImportanceWeights(new Float32Array(K).fill(1 / numItems), K);
      const weighted = weightedRankStatistic(tf.tensor2d(gaps), sigmoid(), logU, null, numItems / K).dataSync();
      const eq24 = rankStatistic(tf.tensor2d(gaps), sigmoid(), null, numItems / K).dataSync();
      expect(maxRelativeError(weighted, eq24)).toBeLessThan(1e-5);
    });
  });

  it('accidental hits: a masked negative (and its weight) drops out exactly, with zero gradient, even if huge', () => {
    tf.tidy(() => {
      const g = tf.tensor2d([[0.3, 500, -0.2]]);
      const w = tf.tensor1d([0.1, 3, -1]);
      const m = tf.tensor2d([[1, 0, 1]]);
      const kept = weightedLogRankStatistic(g, exponential(), w, m, 1).dataSync()[0];
      const dropped = weightedLogRankStatistic(tf.tensor2d([[0.3, -0.2]]), exponential(), tf.tensor1d([0.1, -1]), null, 1).dataSync()[0];
      expect(kept).toBeCloseTo(dropped, 5);
      expect(kept).toBeCloseTo(Math.log(1 + Math.exp(0.3 + 0.1) + Math.exp(-0.2 - 1)), 5);
      const grad = tf.grad((x: tf.Tensor) => tf.sum(weightedRankStatistic(x as tf.Tensor2D, softplus(), w, m, 1)))(g).dataSync();
      expect(grad[1]).toBe(0);
      expect(grad[0]).toBeCloseTo(Math.exp(0.1) * phi.sigmoid(0.3), 5);
    });
  });

  it('unbiased: with M draws from a skewed q, the mean over 4,000 rows of R - 1 is the full-corpus sum (within 4 standard errors)', () => {
    const corpus = 50;
    const M = 8;
    const rows4k = 4000;
    const random = mulberry32(11);
    const raw = Array.from({ length: corpus }, (_, i) => 1 / (i + 1) ** 1.1); // popularity-like proposal
    const total = raw.reduce((a: number, b: number) => a + b, 0);
    const q = raw.map((v) => v / total);
    const cdfQ = q.map(((acc) => (v: number) => (acc += v))(0));
    const itemGaps = Array.from(randomNormalArray(5, corpus, 0, 1));
    const fullSum = itemGaps.reduce((s, g) => s + phi.softplus(g), 0);
    const draws = Array.from({ length: rows4k * M }, () => {
      const u = random();
      const i = cdfQ.findIndex((c) => u < c);
      return i < 0 ? corpus - 1 : i;
    });
    const estimates = tf.tidy(() => {
      const g = tf.tensor2d(draws.map((i) => itemGaps[i]), [rows4k, M]);
      const lw = logImportanceWeights(tf.tensor2d(draws.map((i) => q[i]), [rows4k, M]), M);
      return Array.from(tf.sub(weightedRankStatistic(g, softplus(), lw, null, 1), 1).dataSync());
    });
    const mean = estimates.reduce((a: number, b: number) => a + b, 0) / rows4k;
    const sd = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (rows4k - 1));
    expect(Math.abs(mean - fullSum)).toBeLessThan((4 * sd) / Math.sqrt(rows4k));
    // the unweighted sum scaled by |I| / M (eq. 24, which assumes uniform draws) is biased on the same draws
    const naive = tf.tidy(() => tf.mean(tf.sum(softplus().apply(tf.tensor2d(draws.map((i) => itemGaps[i]), [rows4k, M])), 1)).dataSync()[0] * (corpus / M));
    expect(Math.abs(naive - fullSum)).toBeGreaterThan((10 * sd) / Math.sqrt(rows4k));
  });
});

describe('croLossFromWeightedScores', () => {
  const pos = Array.from(randomNormalArray(3, B, 0.5, 0.5));
  const neg = rows(randomNormalArray(4, B * K, 0, 0.7), K);
  const q = Array.from({ length: K }, (_, j) => [0.3, 0.01, 0.05, 0.2, 0.002, 0.1][j]);
  const qPos = [0.02, 0.4, 0.001, 0.07];
  const M = K;

  it('equals float64 W_alpha(c + sum_j w_j phi(tau (s_j - s_pos))) for softplus and sigmoid, alpha 0.7 and 1.3', async () => {
    const numItems = 500;
    const tau = 3;
    for (const kernel of ['softplus', 'sigmoid'] as const) {
      for (const alpha of [0.7, 1.3]) {
        const expected = pos.map((p, b) => cdf(neg[b].reduce((s, n, j) => s + phi[kernel](tau * (n - p)) / (M * q[j]), 1), alpha, numItems));
        let actual: number[] = [];
        await expectNoLeaks(() => tf.tidy(() => {
          const logWeights = logImportanceWeights(q, M);
          actual = Array.from(croLossFromWeightedScores(pos, neg, { logWeights }, { kernel: kernels[kernel], alpha, tau, numItems }).dataSync());
        }));
        expect(maxRelativeError(actual, expected)).toBeLessThan(1e-5);
      }
    }
  });

  it('log-q relation: exponential, alpha 1, unnormalised, c = 1 / (M q_pos) equals TFRS corrected softmax minus log(M q_pos), values and gradients', () => {
    tf.tidy(() => {
      const posT = tf.tensor1d(pos);
      const negT = tf.tensor2d(neg);
      const logQ = tf.log(tf.tensor1d(q));
      const logQPos = tf.log(tf.tensor1d(qPos));
      // TFRS: logits [s_pos - log q_pos, s_j - log q_j], label 0
      const tfrs = (p: tf.Tensor, n: tf.Tensor) => {
        const logits = tf.concat([tf.expandDims(tf.sub(p, logQPos), 1), tf.sub(n, logQ)], 1);
        return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.zeros([B], 'int32'), K + 1), logits, undefined, undefined, tf.Reduction.NONE);
      };
      const ours = (p: tf.Tensor, n: tf.Tensor) => croLossFromWeightedScores(p, n, {
        logWeights: logImportanceWeights(q, M), leading: tf.div(1, tf.mul(tf.tensor1d(qPos), M)),
      }, { kernel: exponential(), alpha: 1, normalize: false });
      const shift = qPos.map((v) => Math.log(M * v));
      const t = Array.from(tfrs(posT, negT).dataSync());
      const o = Array.from(ours(posT, negT).dataSync());
      expect(maxRelativeError(o.map((v, b) => v + shift[b]), t)).toBeLessThan(1e-5);
      // float64 check of the TFRS side too
      const t64 = pos.map((p, b) => Math.log(1 + neg[b].reduce((s, n, j) => s + Math.exp(n - p - Math.log(q[j]) + Math.log(qPos[b])), 0)));
      expect(maxRelativeError(t, t64)).toBeLessThan(1e-5);
      const [gpT, gnT] = tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(tfrs(p, n)))([posT, negT]);
      const [gpO, gnO] = tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(ours(p, n)))([posT, negT]);
      expect(maxRelativeError(gpO.dataSync(), gpT.dataSync())).toBeLessThan(1e-5);
      expect(maxRelativeError(gnO.dataSync(), gnT.dataSync())).toBeLessThan(1e-5);
    });
  });

  it('uniform q, c = |I| / M: equals croLossFromScores with numItems (eq. 24), values', () => {
    const numItems = 800;
    tf.tidy(() => {
      const w = logImportanceWeights(new Array(K).fill(1 / numItems), M);
      const a = croLossFromWeightedScores(pos, neg, { logWeights: w, leading: numItems / M }, { kernel: softplus(), alpha: 1.2, numItems }).dataSync();
      const b = croLossFromScores(pos, neg, { kernel: softplus(), alpha: 1.2, numItems }).dataSync();
      expect(maxRelativeError(a, b)).toBeLessThan(1e-5);
    });
  });

  it('weightedCroLoss binds the options; mean reduction; no leaks; gradients reach every score', async () => {
    const loss = weightedCroLoss({ kernel: sigmoid(), alpha: 1, tau: 2, numItems: 300, reduction: 'mean' });
    expect(loss.description).toBe('croloss-weighted(sigmoid, alpha=1)');
    await expectNoLeaks(() => tf.tidy(() => {
      const w = logImportanceWeights(q, M);
      const mean = loss.fromWeightedScores(tf.tensor1d(pos), tf.tensor2d(neg), { logWeights: w }).dataSync()[0];
      const each = croLossFromWeightedScores(pos, neg, { logWeights: w }, { kernel: sigmoid(), alpha: 1, tau: 2, numItems: 300 }).dataSync();
      expect(mean).toBeCloseTo(Array.from(each).reduce((a, b) => a + b, 0) / B, 6);
      const g = tf.grad((n: tf.Tensor) => loss.fromWeightedScores(tf.tensor1d(pos), n, { logWeights: w }))(tf.tensor2d(neg)).dataSync();
      expect(Array.from(g).every((v) => v > 0)).toBe(true);
    }));
  });

  it('bad inputs name the function, the argument, the expectation and the value, and leak nothing', () => {
    const w = tf.tensor1d(new Array(K).fill(0));
    expectThrowNoLeak(() => logImportanceWeights([0.5, 0], 2), "logImportanceWeights: argument 'q[1]' must be a probability in (0, 1] (a negative's per-draw probability), got 0");
    expectThrowNoLeak(() => logImportanceWeights([1.5], 2), "argument 'q[0]' must be a probability in (0, 1]", 'got 1.5');
    expectThrowNoLeak(() => logImportanceWeights([NaN], 2), "argument 'q[0]'", 'got NaN');
    expectThrowNoLeak(() => logImportanceWeights([0.5], 0), "logImportanceWeights: argument 'numDraws' must be an integer >= 1, got 0");
    expectThrowNoLeak(() => tf.tidy(() => logImportanceWeights(tf.zeros([1, 1, 1]), 1)), "argument 'q' must have rank 1 or 2");
    expectThrowNoLeak(() => croLossFromWeightedScores(pos, neg, { logWeights: [0, 0] }, { numItems: 10 }),
      `croLossFromWeightedScores: argument 'weights.logWeights' must be a tensor of shape [${K}] or [${B}, ${K}] (one log weight per negative), got "shape [2]"`);
    expectThrowNoLeak(() => croLossFromWeightedScores(pos, neg, { logWeights: w, leading: 0 }, { numItems: 10 }), "argument 'weights.leading' must be a finite number > 0", 'got 0');
    expectThrowNoLeak(() => croLossFromWeightedScores(pos, neg, { logWeights: w }, {}), "croLossFromWeightedScores: argument 'options.numItems' must be the corpus size |I|");
    expectThrowNoLeak(() => croLossFromWeightedScores(pos, neg, { logWeights: w }, { numItems: 10, rankScale: 2 } as never), "argument 'options.rankScale' must be undefined");
    expectThrowNoLeak(() => tf.tidy(() => weightedRankStatistic(tf.zeros([2, 3]) as tf.Tensor2D, unitStep(), tf.zeros([2]), null, 1)), "weightedRankStatistic: argument 'logWeights' must be a tensor of shape [3] or [2, 3]");
    expectThrowNoLeak(() => tf.tidy(() => weightedLogRankStatistic(tf.zeros([2, 3]) as tf.Tensor2D, sigmoid(), tf.zeros([3]), null, 1)), "argument 'kernel' must be a kernel with logApply");
    w.dispose();
  });
});
