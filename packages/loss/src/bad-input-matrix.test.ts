/**
 * Bad-input matrix of @croloss/loss: every public function against every applicable category.
 * ✓ = tested here, ✓(cro) = tested in cro-loss.test.ts, ✓(λ) = lambda-cro-loss.test.ts, n.a. = does not apply.
 * "value" = a documented result is asserted (real numbers), "throws" = the exact error is asserted. Every throw
 * is checked for leaked tensors, and every result is computed inside expectNoLeaks.
 *
 * | function                  | wrong rank | mismatched shapes | NaN scores | ±Inf scores | NaN / neg alpha, bad numbers | zero negatives | empty batch | all negatives masked | int / bool dtype |
 * |---------------------------|------------|-------------------|------------|-------------|------------------------------|----------------|-------------|----------------------|------------------|
 * | croLossFromScores         | ✓(cro)     | ✓(cro) + ragged ✓ | ✓ NaN row  | ✓ value     | ✓(cro) + ✓                   | ✓ value R = s  | ✓ [0] / 0   | ✓ value + zero grad  | ✓ = float32      |
 * | croLoss                   | ✓          | ✓(cro)            | ✓ NaN row  | ✓ value     | ✓                            | ✓ value (C = 1) | ✓ [0]      | n.a. (no mask)       | ✓ = float32      |
 * | croLossFromGaps           | ✓          | ✓                 | n.a.       | n.a.        | ✓ resolved, weighting         | ✓ value        | ✓ [0]       | ✓(via scores)        | n.a.             |
 * | lambdaCroLossFromScores   | ✓          | ✓                 | ✓ NaN row  | ✓ value     | ✓                            | ✓ value w(1)   | ✓ [0] / 0   | ✓ value + zero grad  | ✓ = float32      |
 * | lambdaCroLoss             | ✓          | ✓                 | ✓ NaN row  | n.a.        | ✓                            | ✓ value w(1)   | ✓ [0]       | n.a.                 | ✓ = float32      |
 * | lambdaCroLossFromGaps     | ✓          | n.a.              | n.a.       | n.a.        | ✓ kernels                    | n.a.           | n.a.        | n.a.                 | n.a.             |
 * | croLossFunction           | n.a.       | n.a.              | n.a.       | n.a.        | ✓ at construction            | n.a.           | n.a.        | n.a.                 | n.a.             |
 * | lambdaCroLossFunction     | n.a.       | n.a.              | n.a.       | n.a.        | ✓ at construction            | n.a.           | n.a.        | n.a.                 | n.a.             |
 * | presets.*                 | n.a.       | n.a.              | n.a.       | ✓ softmax   | ✓ tau, numItems, margin      | ✓ value        | n.a.        | n.a.                 | n.a.             |
 * | retrievalLoss             | n.a.       | n.a.              | n.a.       | n.a.        | ✓ non-functions              | n.a.           | n.a.        | n.a.                 | n.a.             |
 * | rankStatistic             | ✓          | ✓ mask, scale     | ✓          | n.a.        | ✓ scale NaN                  | ✓ R = s        | ✓ [0]       | ✓ R = s              | n.a.             |
 * | logRankStatistic          | ✓          | ✓                 | n.a.       | ✓ +Inf      | ✓ scale, no logApply         | ✓ log s        | n.a.        | n.a.                 | n.a.             |
 * | keepMask                  | n.a. (any) | n.a.              | n.a.       | n.a.        | ✓ not a tensor               | n.a.           | n.a.        | n.a.                 | ✓ bool as is     |
 * | rankScale                 | ✓ mask     | ✓ mask columns    | n.a.       | n.a.        | ✓ numItems, override NaN     | ✓ 1            | n.a.        | ✓ 1                  | n.a.             |
 * | gapsFromScores            | ✓          | ✓ (no leak)       | n.a.       | n.a.        | ✓ tau NaN                    | ✓ [B, 0]       | ✓ [0, K]    | n.a.                 | ✓ string throws  |
 * | gapsFromLabels            | ✓          | ✓ (no leak)       | n.a.       | n.a.        | ✓ tau                        | ✓              | n.a.        | n.a.                 | n.a.             |
 * | stopGradient              | n.a.       | n.a.              | n.a.       | n.a.        | ✓ not a tensor               | n.a.           | n.a.        | n.a.                 | n.a.             |
 * | reduceLoss                | n.a.       | n.a.              | ✓ NaN mean | n.a.        | ✓ reduction                  | n.a.           | ✓ 0         | n.a.                 | n.a.             |
 * | resolveReduction          | n.a.       | n.a.              | n.a.       | n.a.        | ✓(cro)                       | n.a.           | n.a.        | n.a.                 | n.a.             |
 * | logOnePlusSumExp          | ✓          | n.a.              | ✓          | ✓ ±Inf      | n.a.                         | ✓ 0            | ✓ [0]       | n.a.                 | ✓ = float32      |
 */
import * as tf from '@tensorflow/tfjs-core';
import { exponential, hinge, sigmoid, softplus, unitStep, type ComparisonKernel } from '@croloss/kernels';
import { powerLaw } from '@croloss/weighting';
import { expectNoLeaks, expectThrowNoLeak, maxRelativeError } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import {
  croLossFromGaps, gapsFromLabels, gapsFromScores, keepMask, lambdaCroLossFromGaps, logOnePlusSumExp, logRankStatistic,
  rankScale, rankStatistic, reduceLoss, stopGradient,
} from './blocks';
import { croLoss, croLossFromScores, croLossFunction, lambdaCroLoss, lambdaCroLossFromScores, lambdaCroLossFunction, presets, retrievalLoss } from './index';
import { cdf, croLossRef, density, lambdaLossRef } from './reference.test-helpers';

/** The resolved options of a call with neither numItems nor rankScale. */
const NO_RESOLVED = { numItems: undefined, rankScale: undefined };

const kernels: Record<string, ComparisonKernel> = { 'unit-step': unitStep(), sigmoid: sigmoid(), exponential: exponential(), softplus: softplus(), hinge: hinge() };
const trainable = Object.entries(kernels).filter(([, k]) => k.differentiable);

/** Values of `fn()` (a tensor), computed with no tensor left behind. */
async function valuesOf(fn: () => tf.Tensor): Promise<{ shape: number[]; values: number[] }> {
  let out: { shape: number[]; values: number[] } | undefined;
  await expectNoLeaks(async () => {
    const t = fn();
    out = { shape: t.shape, values: Array.from(await t.data()) };
    return t;
  });
  return out!;
}
const valuesOfAll = async (fn: () => tf.Tensor[]): Promise<number[][]> => {
  let out: number[][] = [];
  await expectNoLeaks(async () => {
    const ts = fn();
    out = await Promise.all(ts.map(async (t) => Array.from(await t.data())));
    return ts;
  });
  return out;
};

// The data of most cases: B = 2 rows, K = 3 negatives, sampled (numItems 100), tau 2, alpha 1.2.
const pos = [0.1, 0.2];
const neg = [[0.5, -0.3, 0.2], [0.1, 0.9, -0.4]];
const base = { alpha: 1.2, numItems: 100, tau: 2 };
const ref = { pos, neg, ...base };
/** W_alpha(+Infinity) = 1 / ((alpha - 1) Z) for alpha > 1 (normalised), the limit eq. 13 gives. */
const cdfAtInfinity = (alpha: number, n: number) => 1 / ((alpha - 1) * (((n + 1) ** (1 - alpha) - 1) / (1 - alpha)));

describe('loss: bad-input matrix — throws (exact message, no leak)', () => {
  // every tensor a call takes is made here, outside the counted region
  const strings = tf.tensor2d([['a', 'b']]);
  const ints = tf.tensor2d([[1, 2]], undefined, 'int32');
  const ints1d = tf.tensor1d([1, 2], 'int32');
  const zeros2 = tf.zeros([2]);
  const zeros3 = tf.zeros([3]);
  const ones3 = tf.ones([3]);
  const zeros12 = tf.zeros([1, 2]);
  const zeros23 = tf.zeros([2, 3]);
  const ones22 = tf.ones([2, 2]);
  const ones23 = tf.ones([2, 3]);
  const shared = [strings, ints, ints1d, zeros2, zeros3, ones3, zeros12, zeros23, ones22, ones23];
  const cases: Array<[string, () => unknown, string[]]> = [
    // wrong rank
    ['lambdaCroLossFromScores: negatives of rank 1', () => lambdaCroLossFromScores(pos, [0.1, 0.2]), ["lambdaCroLossFromScores: argument 'negativeScores' must have rank 2 (shape [B, K]), got shape [2]"]],
    ['lambdaCroLossFromScores: mask of rank 1', () => lambdaCroLossFromScores(pos, neg, { mask: [1, 1, 1] }), ["lambdaCroLossFromScores: argument 'mask' must have rank 2 (shape [B, K]), got shape [3]"]],
    ['lambdaCroLoss: yPred of rank 3', () => lambdaCroLoss([[1, 0]], [[[0.1, 0.2]]]), ["lambdaCroLoss: argument 'yPred' must have rank 2 (shape [B, C]), got shape [1,1,2]"]],
    ['croLoss: yPred of rank 1 (int32 tensor, the cast is freed)', () => croLoss([[1, 0]], ints1d), ["croLoss: argument 'yPred' must have rank 2 (shape [B, C]), got shape [2]"]],
    ['rankStatistic: gaps of rank 1', () => rankStatistic(zeros3 as never, sigmoid(), null, 1), ["rankStatistic: argument 'gaps' must have rank 2 (shape [B, K]), got shape [3]"]],
    ['logRankStatistic: gaps not a tensor', () => logRankStatistic([[1]] as never, exponential(), null, 1), ["logRankStatistic: argument 'gaps' must be a tf.Tensor of shape [B, K], got [1]"]],
    ['logOnePlusSumExp: x of rank 1', () => logOnePlusSumExp(zeros3 as never), ["logOnePlusSumExp: argument 'x' must have rank 2 (shape [B, K]), got shape [3]"]],
    ['croLossFromGaps: gaps.gaps of rank 1', () => croLossFromGaps({ gaps: zeros2 as never, mask: null, rowHasPositive: null }, softplus(), powerLaw({ alpha: 1, numItems: 3 }), NO_RESOLVED), ["croLossFromGaps: argument 'gaps.gaps' must have rank 2 (shape [B, K]), got shape [2]"]],
    ['gapsFromScores: positives of rank 2 (called directly, outside any tidy)', () => gapsFromScores('f', [[0.1], [0.2]], neg, undefined, 1), ["f: argument 'positiveScores' must have rank 1 (shape [B]), got shape [2,1]"]],
    ['gapsFromLabels: yTrue of rank 1 (called directly)', () => gapsFromLabels('f', [1, 0], [[0.1, 0.2]], 1), ["f: argument 'yTrue' must have rank 2 (shape [B, C]), got shape [2]"]],
    ['rankScale: mask of rank 1', () => rankScale(100, 3, ones3 as never, undefined), ["rankScale: argument 'mask' must be null or a tensor of shape [B, 3] (numNegatives columns), got \"shape [3]\""]],
    // mismatched shapes
    ['lambdaCroLossFromScores: 3 positives for 2 rows', () => lambdaCroLossFromScores([0.1, 0.2, 0.3], neg), ["lambdaCroLossFromScores: argument 'positiveScores' must have shape [2] (one positive score per row of negativeScores), got [3]"]],
    ['lambdaCroLossFromScores: mask [2, 2] for [2, 3] negatives', () => lambdaCroLossFromScores(pos, neg, { mask: [[1, 1], [1, 1]] }), ["lambdaCroLossFromScores: argument 'mask' must have shape [2,3] (same as negativeScores), got [2,2]"]],
    ['lambdaCroLoss: yTrue [1, 2] for yPred [1, 3]', () => lambdaCroLoss([[1, 0]], [[0.1, 0.2, 0.3]]), ["lambdaCroLoss: argument 'yTrue' must have shape [1,3] (same as yPred), got [1,2]"]],
    ['croLossFromScores: ragged negatives', () => croLossFromScores(pos, [[0.1, 0.2], [0.3]] as never), ["croLossFromScores: argument 'negativeScores' must be a tensor or a rectangular (nested) array of numbers of shape [B, K], got [0.1,0.2, 0.3]"]],
    ['croLossFromScores: ragged mask', () => croLossFromScores(pos, neg, { mask: [[1, 1, 1], [1]] }), ["croLossFromScores: argument 'mask' must be a tensor or a rectangular (nested) array of numbers of shape [B, K]"]],
    ['croLossFromScores: string scores', () => croLossFromScores(pos, [['0.1', '0.2']] as never), ["croLossFromScores: argument 'negativeScores' must be a tensor or a rectangular (nested) array of numbers"]],
    ['croLossFromScores: a string tensor', () => croLossFromScores([0.1], strings), ["croLossFromScores: argument 'negativeScores' must be a tensor of dtype float32, int32 or bool (shape [B, K]), got \"dtype string\""]],
    ['croLossFromScores: int32 negatives, wrong positives (the cast is freed)', () => croLossFromScores([0.1, 0.2], ints), ["croLossFromScores: argument 'positiveScores' must have shape [1] (one positive score per row of negativeScores), got [2]"]],
    ['gapsFromScores: mask of another shape (called directly)', () => gapsFromScores('f', pos, neg, [[1, 1], [1, 1]], 1), ["f: argument 'mask' must have shape [2,3] (same as negativeScores), got [2,2]"]],
    ['rankStatistic: mask of another shape', () => rankStatistic(zeros23 as never, sigmoid(), ones22 as never, 1), ["rankStatistic: argument 'mask' must be null or a tensor of shape [2,3] (same as gaps), got \"shape [2,2]\""]],
    ['rankStatistic: scale of another length', () => rankStatistic(zeros23 as never, sigmoid(), null, ones3 as never), ["rankStatistic: argument 'scale' must be a finite number > 0 or a tensor of shape [2] (one factor per row), got \"shape [3]\""]],
    ['croLossFromGaps: mask of another shape', () => croLossFromGaps({ gaps: zeros23 as never, mask: ones22 as never, rowHasPositive: null }, softplus(), powerLaw({ alpha: 1, numItems: 3 }), NO_RESOLVED), ["croLossFromGaps: argument 'gaps.mask' must have shape [2,3] (same as gaps.gaps), got [2,2]"]],
    ['rankScale: mask columns other than numNegatives', () => rankScale(100, 4, ones23 as never, undefined), ["rankScale: argument 'mask' must be null or a tensor of shape [B, 4] (numNegatives columns), got \"shape [2,3]\""]],
    // NaN or negative alpha, and the other numbers
    ['croLoss: NaN alpha', () => croLoss([[1, 0]], [[0.1, 0.2]], { alpha: NaN }), ["croLoss: argument 'alpha' must be a finite number >= 0, got NaN"]],
    ['croLoss: alpha -0.5', () => croLoss([[1, 0]], [[0.1, 0.2]], { alpha: -0.5 }), ["croLoss: argument 'alpha' must be a finite number >= 0, got -0.5"]],
    ['lambdaCroLossFromScores: NaN alpha', () => lambdaCroLossFromScores(pos, neg, { alpha: NaN }), ["lambdaCroLossFromScores: argument 'alpha' must be a finite number >= 0, got NaN"]],
    ['lambdaCroLoss: alpha -1', () => lambdaCroLoss([[1, 0]], [[0.1, 0.2]], { alpha: -1 }), ["lambdaCroLoss: argument 'alpha' must be a finite number >= 0, got -1"]],
    ['croLossFromScores: alpha Infinity', () => croLossFromScores(pos, neg, { alpha: Infinity }), ["croLossFromScores: argument 'alpha' must be a finite number >= 0, got Infinity"]],
    ['croLossFromScores: NaN numItems', () => croLossFromScores(pos, neg, { numItems: NaN }), ["croLossFromScores: argument 'numItems' must be an integer >= 1, got NaN"]],
    ['croLossFromScores: NaN tau', () => croLossFromScores(pos, neg, { tau: NaN }), ["croLossFromScores: argument 'tau' must be a finite number > 0, got NaN"]],
    ['croLossFromScores: NaN rankScale', () => croLossFromScores(pos, neg, { rankScale: NaN }), ["croLossFromScores: argument 'rankScale' must be a finite number > 0, got NaN"]],
    ['croLossFromScores: normalize "yes"', () => croLossFromScores(pos, neg, { normalize: 'yes' as never }), ["croLossFromScores: argument 'normalize' must be a boolean, got \"yes\""]],
    ['lambdaCroLossFromScores: numItems 2.5', () => lambdaCroLossFromScores(pos, neg, { numItems: 2.5 }), ["lambdaCroLossFromScores: argument 'numItems' must be an integer >= 1, got 2.5"]],
    ['croLossFunction: NaN alpha throws at construction', () => croLossFunction({ alpha: NaN }), ["croLossFunction: argument 'alpha' must be a finite number >= 0, got NaN"]],
    ['croLossFunction: negative alpha throws at construction', () => croLossFunction({ alpha: -2 }), ["croLossFunction: argument 'alpha' must be a finite number >= 0, got -2"]],
    ['croLossFunction: a string kernel', () => croLossFunction({ kernel: 'softplus' as never }), ["croLossFunction: argument 'kernel' must be a ComparisonKernel", 'got "softplus"']],
    ['croLossFunction: bad multiHot', () => croLossFunction({ multiHot: 'all' as never }), ["croLossFunction: argument 'multiHot' must be 'pooled' or 'each', got \"all\""]],
    ['lambdaCroLossFunction: NaN alpha', () => lambdaCroLossFunction({ alpha: NaN }), ["lambdaCroLossFunction: argument 'alpha' must be a finite number >= 0, got NaN"]],
    ['lambdaCroLossFunction: unit-step gradient kernel', () => lambdaCroLossFunction({ gradientKernel: unitStep() }), ["lambdaCroLossFunction: argument 'gradientKernel' must be a differentiable kernel (the unit step has no gradient), got \"unit-step\""]],
    ['presets.bpr: NaN tau', () => presets.bpr({ tau: NaN }), ["presets.bpr: argument 'tau' must be a finite number > 0, got NaN"]],
    ['presets.softmaxCrossEntropy: numItems 0', () => presets.softmaxCrossEntropy({ numItems: 0 }), ["presets.softmaxCrossEntropy: argument 'numItems' must be an integer >= 1, got 0"]],
    ['presets.triplet: NaN margin', () => presets.triplet({ margin: NaN }), ["presets.triplet: argument 'margin' must be a finite number >= 0, got NaN"]],
    ['presets.triplet: negative margin', () => presets.triplet({ margin: -1 }), ["presets.triplet: argument 'margin' must be a finite number >= 0, got -1"]],
    ['presets.bpr: options null', () => presets.bpr(null as never), ["presets.bpr: argument 'options' must be an object, got null"]],
    ['croLossFromGaps: NaN resolved.numItems', () => croLossFromGaps({ gaps: zeros12 as never, mask: null, rowHasPositive: null }, softplus(), powerLaw({ alpha: 1, numItems: 3 }), { numItems: NaN, rankScale: undefined }), ["croLossFromGaps: argument 'resolved.numItems' must be an integer >= 1 or undefined, got NaN"]],
    ['croLossFromGaps: not a weighting', () => croLossFromGaps({ gaps: zeros12 as never, mask: null, rowHasPositive: null }, softplus(), {} as never, NO_RESOLVED), ["croLossFromGaps: argument 'weighting' must be a Weighting { density, cdf } (see @croloss/weighting), got object"]],
    ['lambdaCroLossFromGaps: unit-step gradient kernel', () => lambdaCroLossFromGaps({ gaps: zeros12 as never, mask: null, rowHasPositive: null }, sigmoid(), unitStep(), powerLaw({ alpha: 1, numItems: 3 }), NO_RESOLVED), ["lambdaCroLossFromGaps: argument 'gradientKernel' must be a differentiable kernel (the unit step has no gradient), got \"unit-step\""]],
    ['lambdaCroLossFromGaps: gaps not an object', () => lambdaCroLossFromGaps(null as never, sigmoid(), softplus(), powerLaw({ alpha: 1, numItems: 3 }), NO_RESOLVED), ["lambdaCroLossFromGaps: argument 'gaps' must be an object { gaps, mask, rowHasPositive } (see gapsFromScores), got null"]],
    ['rankStatistic: NaN scale', () => rankStatistic(zeros23 as never, sigmoid(), null, NaN), ["rankStatistic: argument 'scale' must be a finite number > 0 or a tensor of shape [2] (one factor per row), got NaN"]],
    ['rankStatistic: not a kernel', () => rankStatistic(zeros23 as never, {} as never, null, 1), ["rankStatistic: argument 'kernel' must be a ComparisonKernel, got object"]],
    ['logRankStatistic: a kernel without logApply', () => logRankStatistic(zeros23 as never, sigmoid(), null, 1), ["logRankStatistic: argument 'kernel' must be a kernel with logApply (e.g. exponential()), got \"sigmoid\""]],
    ['rankScale: NaN numItems', () => rankScale(NaN, 3, null, undefined), ["rankScale: argument 'numItems' must be an integer >= 1 or undefined, got NaN"]],
    ['rankScale: NaN override', () => rankScale(100, 3, null, NaN), ["rankScale: argument 'override' must be a finite number > 0 or undefined, got NaN"]],
    ['rankScale: numNegatives -1', () => rankScale(100, -1, null, undefined), ["rankScale: argument 'numNegatives' must be an integer >= 0, got -1"]],
    ['gapsFromScores: NaN tau', () => gapsFromScores('f', pos, neg, undefined, NaN), ["f: argument 'tau' must be a finite number > 0, got NaN"]],
    ['gapsFromLabels: tau 0', () => gapsFromLabels('f', [[1, 0]], [[0.1, 0.2]], 0), ["f: argument 'tau' must be a finite number > 0, got 0"]],
    ['reduceLoss: an unknown reduction', () => reduceLoss(zeros2 as never, 'avg' as never), ["reduceLoss: argument 'reduction' must be 'none', 'mean', 'sum' or a tf.Reduction, got \"avg\""]],
    // not a tensor
    ['stopGradient: a number', () => stopGradient(3 as never), ["stopGradient: argument 'x' must be a tf.Tensor, got 3"]],
    ['reduceLoss: an array', () => reduceLoss([1, 2] as never, 'mean'), ["reduceLoss: argument 'perExample' must be a tf.Tensor, got [1, 2]"]],
    ['keepMask: an array', () => keepMask([[1, 0]] as never), ["keepMask: argument 'mask' must be a tf.Tensor, got [1,0]"]],
    ['retrievalLoss: labels not a function', () => retrievalLoss('x', 3 as never, () => tf.scalar(0)), ["retrievalLoss: argument 'labels' must be a function (yTrue, yPred) => Tensor, got 3"]],
    ['retrievalLoss: description not a string', () => retrievalLoss(7 as never, () => tf.scalar(0), () => tf.scalar(0)), ["retrievalLoss: argument 'description' must be a string, got 7"]],
  ];
  for (const [label, call, fragments] of cases) {
    it(label, () => expectThrowNoLeak(call, ...fragments));
  }
  it('the shared inputs are still alive', () => {
    expect(shared.some((t) => t.isDisposed)).toBe(false);
  });
});

describe('loss: bad-input matrix — NaN scores propagate (nothing is read back)', () => {
  for (const [name, kernel] of Object.entries(kernels)) {
    it(`${name}: a NaN positive or a NaN negative makes that row NaN and only that row`, async () => {
      const nanPos = await valuesOf(() => croLossFromScores([NaN, 0.2], neg, { ...base, kernel }));
      const nanNeg = await valuesOf(() => croLossFromScores(pos, [[0.5, NaN, 0.2], neg[1]], { ...base, kernel }));
      const expectedRow1 = croLossRef({ ...ref }, name)[1];
      for (const row of [nanPos.values, nanNeg.values]) {
        expect(row[0]).toBeNaN();
        expect(row[1]).toBeCloseTo(expectedRow1, 5);
      }
    });
  }

  it('lambdaCroLossFromScores and both layers forms: a NaN score gives a NaN row', async () => {
    expect((await valuesOf(() => lambdaCroLossFromScores([NaN, 0.2], neg, base))).values.map(Number.isNaN)).toEqual([true, false]);
    expect((await valuesOf(() => croLoss([[1, 0, 0], [0, 1, 0]], [[0.1, NaN, 0.3], [0.1, 0.2, 0.3]]))).values.map(Number.isNaN)).toEqual([true, false]);
    expect((await valuesOf(() => lambdaCroLoss([[1, 0, 0], [0, 1, 0]], [[NaN, 0.2, 0.3], [0.1, 0.2, 0.3]]))).values.map(Number.isNaN)).toEqual([true, false]);
  });

  it("a NaN row makes 'mean' and 'sum' NaN", async () => {
    for (const reduction of ['mean', 'sum'] as const) {
      expect((await valuesOf(() => croLossFromScores([NaN, 0.2], neg, { ...base, reduction }))).values[0]).toBeNaN();
    }
  });

  it('a NaN in a masked-out negative reaches neither the value nor the gradient', async () => {
    const mask = [[0, 1, 1], [1, 1, 1]];
    const masked = await valuesOf(() => croLossFromScores(pos, [[NaN, -0.3, 0.2], neg[1]], { ...base, mask }));
    const clean = await valuesOf(() => croLossFromScores(pos, neg, { ...base, mask }));
    expect(masked.values).toEqual(clean.values);
    const [gPos] = await valuesOfAll(() => tf.tidy(() => [tf.grad((p: tf.Tensor) => tf.sum(croLossFromScores(p, [[NaN, -0.3, 0.2], neg[1]], { ...base, mask })))(tf.tensor1d(pos))]));
    const [gClean] = await valuesOfAll(() => tf.tidy(() => [tf.grad((p: tf.Tensor) => tf.sum(croLossFromScores(p, neg, { ...base, mask })))(tf.tensor1d(pos))]));
    expect(gPos.every(Number.isFinite)).toBe(true); // masked gaps are zeroed before phi, so phi'(NaN) never enters
    expect(maxRelativeError(gPos, gClean)).toBeLessThan(1e-6);
  });

  it('rankStatistic and logOnePlusSumExp: NaN in, NaN out for that row', async () => {
    const r = await valuesOf(() => tf.tidy(() => rankStatistic(tf.tensor2d([[NaN, 0], [0, 0]]), sigmoid(), null, 1)));
    expect(r.values[0]).toBeNaN();
    expect(r.values[1]).toBe(2);
    const l = await valuesOf(() => tf.tidy(() => logOnePlusSumExp(tf.tensor2d([[NaN, 0], [0, 0]]))));
    expect(l.values[0]).toBeNaN();
    expect(l.values[1]).toBeCloseTo(Math.log(3), 6);
  });
});

describe('loss: bad-input matrix — ±Infinity scores give the limits of the math', () => {
  const minusInf = [[-Infinity, -0.3, 0.2], neg[1]];
  const asFinite = [[-1e300, -0.3, 0.2], neg[1]]; // float64 stand-in: phi(-2e300) = 0 for every kernel
  for (const [name, kernel] of Object.entries(kernels)) {
    it(`${name}: a -Infinity negative contributes phi = 0 (value), with a zero gradient`, async () => {
      const got = await valuesOf(() => croLossFromScores(pos, minusInf, { ...base, kernel }));
      expect(maxRelativeError(got.values, croLossRef({ ...ref, neg: asFinite }, name), 1e-6)).toBeLessThan(3e-5);
      const lambda = await valuesOf(() => lambdaCroLossFromScores(pos, minusInf, { ...base, weightKernel: kernel }));
      expect(maxRelativeError(lambda.values, lambdaLossRef({ ...ref, neg: asFinite }, name, 'softplus'), 1e-6)).toBeLessThan(3e-5);
    });

    it(`${name}: a +Infinity positive (every gap -Infinity) gives R = s, the loss W(s)`, async () => {
      const got = await valuesOf(() => croLossFromScores([Infinity, 0.2], neg, { ...base, kernel }));
      expect(got.values[0]).toBeCloseTo(cdf(100 / 3, 1.2, 100), 5);
      expect(got.values[1]).toBeCloseTo(croLossRef(ref, name)[1], 5);
    });
  }

  for (const [name, kernel] of trainable) {
    it(`${name}: gradients stay finite with -Infinity negatives, 0 at those entries`, async () => {
      const [gPos, gNeg] = await valuesOfAll(() => tf.tidy(() =>
        tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(croLossFromScores(p, n, { ...base, kernel })))([tf.tensor1d(pos), tf.tensor2d(minusInf)])));
      expect([...gPos, ...gNeg].every(Number.isFinite)).toBe(true);
      expect(gNeg[0]).toBe(0);
    });
  }

  for (const name of ['unit-step', 'sigmoid']) {
    it(`${name} (bounded): a +Infinity negative counts as phi = 1`, async () => {
      const got = await valuesOf(() => croLossFromScores(pos, [[Infinity, -0.3, 0.2], neg[1]], { ...base, kernel: kernels[name] }));
      expect(maxRelativeError(got.values, croLossRef({ ...ref, neg: [[1e300, -0.3, 0.2], neg[1]] }, name), 1e-6)).toBeLessThan(3e-5);
    });
  }

  for (const name of ['exponential', 'softplus', 'hinge']) {
    it(`${name} (unbounded): a +Infinity negative gives R = +Infinity, so W(+Infinity): 1 / ((alpha - 1) Z) for alpha > 1, +Infinity for alpha <= 1`, async () => {
      const high = await valuesOf(() => croLossFromScores(pos, [[Infinity, -0.3, 0.2], neg[1]], { ...base, kernel: kernels[name] }));
      expect(high.values[0]).toBeCloseTo(cdfAtInfinity(1.2, 100), 5);
      expect(high.values[1]).toBeCloseTo(croLossRef(ref, name)[1], 5);
      for (const alpha of [0, 0.5, 1]) {
        const low = await valuesOf(() => croLossFromScores(pos, [[Infinity, -0.3, 0.2], neg[1]], { ...base, alpha, kernel: kernels[name] }));
        expect(low.values[0], `alpha ${alpha}`).toBe(Infinity);
      }
      // lambda: a bounded phi1 (sigmoid) keeps the multiplier w(R_phi1) finite and > 0, so lambda * R_phi2 = +Infinity
      const lambda = await valuesOf(() => lambdaCroLossFromScores(pos, [[Infinity, -0.3, 0.2], neg[1]], { ...base, gradientKernel: kernels[name] }));
      expect(lambda.values[0]).toBe(Infinity);
      expect(lambda.values[1]).toBeCloseTo(lambdaLossRef(ref, 'sigmoid', name)[1], 5);
    });
  }

  it('presets.softmaxCrossEntropy: -Infinity logits drop out, a +Infinity negative logit gives +Infinity (not NaN)', async () => {
    const dropped = await valuesOf(() => tf.tidy(() => presets.softmaxCrossEntropy()(tf.tensor2d([[0, 1, 0]]), tf.tensor2d([[-Infinity, 1, 0.5]]))));
    expect(dropped.values[0]).toBeCloseTo(Math.log(1 + Math.exp(-0.5)), 6);
    const infinite = await valuesOf(() => tf.tidy(() => presets.softmaxCrossEntropy()(tf.tensor2d([[0, 1, 0]]), tf.tensor2d([[Infinity, 1, 0.5]]))));
    expect(infinite.values[0]).toBe(Infinity);
  });

  it("croLoss (pooled and 'each'): a -Infinity non-positive column contributes phi = 0 and does not touch the positive's score", async () => {
    const labels = [[1, 0, 0, 1], [0, 1, 0, 0]];
    for (const multiHot of ['pooled', 'each'] as const) {
      const got = await valuesOf(() => croLoss(labels, [[0.3, -Infinity, 0.1, 0.5], [0.2, 0.4, -Infinity, 0.1]], { multiHot }));
      const expected = await valuesOf(() => croLoss(labels, [[0.3, -1e30, 0.1, 0.5], [0.2, 0.4, -1e30, 0.1]], { multiHot }));
      expect(maxRelativeError(got.values, expected.values, 1e-7), multiHot).toBeLessThan(1e-6);
    }
  });

  it('logOnePlusSumExp and logRankStatistic: -Infinity entries add 0, +Infinity gives +Infinity', async () => {
    const l = await valuesOf(() => tf.tidy(() => logOnePlusSumExp(tf.tensor2d([[-Infinity, -Infinity], [Infinity, 0], [-Infinity, 0]]))));
    expect(l.values[0]).toBe(0);
    expect(l.values[1]).toBe(Infinity);
    expect(l.values[2]).toBeCloseTo(Math.log(2), 6);
    const r = await valuesOf(() => tf.tidy(() => logRankStatistic(tf.tensor2d([[Infinity, 0]]), exponential(), null, 2)));
    expect(r.values[0]).toBe(Infinity);
  });
});

describe('loss: bad-input matrix — zero negatives: R = s * (1 + 0), s = 1 unless rankScale overrides it', () => {
  const noNegatives = tf.zeros([2, 0]);
  it('croLossFromScores: W(1) = 0 per row, exact and sampled, for every kernel; W(s) with a rankScale override', async () => {
    for (const [name, kernel] of Object.entries(kernels)) {
      for (const numItems of [undefined, 100]) {
        expect((await valuesOf(() => croLossFromScores(pos, noNegatives, { kernel, alpha: 1.2, numItems }))).values, name).toEqual([0, 0]);
      }
      const scaled = await valuesOf(() => croLossFromScores(pos, noNegatives, { kernel, alpha: 1.2, numItems: 100, rankScale: 3 }));
      expect(scaled.values[0], name).toBeCloseTo(cdf(3, 1.2, 100), 6);
      expect(scaled.values[1], name).toBeCloseTo(cdf(3, 1.2, 100), 6);
    }
  });

  it('lambdaCroLossFromScores: w(1) * 1 = 1 / Z per row; its gradient with respect to the positives is 0', async () => {
    const got = await valuesOf(() => lambdaCroLossFromScores(pos, noNegatives, { alpha: 1.2, numItems: 100 }));
    expect(got.values[0]).toBeCloseTo(density(1, 1.2, 100), 6);
    expect(got.values[1]).toBeCloseTo(density(1, 1.2, 100), 6);
    const [grad] = await valuesOfAll(() => tf.tidy(() => [tf.grad((p: tf.Tensor) => tf.sum(croLossFromScores(p, noNegatives, { numItems: 100 })))(tf.tensor1d(pos))]));
    expect(grad).toEqual([0, 0]);
  });

  it('croLoss / lambdaCroLoss with one column (C = 1): the positive alone, R = 1; a row without positive gives 0', async () => {
    expect((await valuesOf(() => croLoss([[1], [0]], [[0.3], [0.5]], { numItems: 50 }))).values).toEqual([0, 0]);
    const lambda = await valuesOf(() => lambdaCroLoss([[1]], [[0.3]], { alpha: 1.2, numItems: 50 }));
    expect(lambda.values[0]).toBeCloseTo(density(1, 1.2, 50), 6);
    expect((await valuesOf(() => croLoss([[1]], [[0.3]], { multiHot: 'each' }))).values).toEqual([0]);
  });

  it('presets and rank helpers: 0 negatives give log(1) = 0, R = s, factor 1', async () => {
    expect((await valuesOf(() => presets.softmaxCrossEntropy().fromScores(pos, noNegatives))).values).toEqual([0, 0]);
    expect((await valuesOf(() => presets.bpr({ scale: 'classic', numItems: 100 }).fromScores(pos, noNegatives))).values).toEqual([0, 0]);
    expect((await valuesOf(() => rankStatistic(noNegatives as tf.Tensor2D, sigmoid(), null, 4))).values).toEqual([4, 4]);
    const logR = await valuesOf(() => logRankStatistic(noNegatives as tf.Tensor2D, exponential(), null, 4));
    expect(maxRelativeError(logR.values, [Math.log(4), Math.log(4)])).toBeLessThan(1e-6);
    expect((await valuesOf(() => logOnePlusSumExp(noNegatives as tf.Tensor2D))).values).toEqual([0, 0]);
    expect(rankScale(100, 0, null, undefined)).toBe(1);
    const gaps = { gaps: noNegatives as tf.Tensor2D, mask: null, rowHasPositive: null };
    expect((await valuesOf(() => croLossFromGaps(gaps, softplus(), powerLaw({ alpha: 1, numItems: 10 }), { numItems: 10, rankScale: undefined }))).values).toEqual([0, 0]);
  });
  it('the shared input is still alive', () => expect(noNegatives.isDisposed).toBe(false));
});

describe("loss: bad-input matrix — empty batch: [0] per example, 0 for 'mean' and 'sum'", () => {
  const noPositives = tf.zeros([0]);
  const noRows = tf.zeros([0, 3]);
  it('scores forms', async () => {
    for (const fn of [croLossFromScores, lambdaCroLossFromScores] as const) {
      expect(await valuesOf(() => fn(noPositives, noRows, { numItems: 100 }))).toEqual({ shape: [0], values: [] });
      expect(await valuesOf(() => fn(noPositives, noRows, { numItems: 100, mask: noRows }))).toEqual({ shape: [0], values: [] });
      for (const reduction of ['mean', 'sum'] as const) {
        expect(await valuesOf(() => fn(noPositives, noRows, { numItems: 100, reduction }))).toEqual({ shape: [], values: [0] });
      }
    }
  });

  it('layers forms, both multiHot modes, and the gradient of the mean (an empty [0, K])', async () => {
    for (const multiHot of ['pooled', 'each'] as const) {
      expect(await valuesOf(() => croLoss(noRows, noRows, { multiHot }))).toEqual({ shape: [0], values: [] });
    }
    expect(await valuesOf(() => lambdaCroLoss(noRows, noRows, { reduction: 'mean' }))).toEqual({ shape: [], values: [0] });
    const grad = await valuesOf(() => tf.tidy(() => tf.grad((n: tf.Tensor) => croLossFromScores(noPositives, n, { reduction: 'mean' }))(noRows)));
    expect(grad).toEqual({ shape: [0, 3], values: [] });
  });

  it('helpers: reduceLoss, rankStatistic, logOnePlusSumExp, croLossFromGaps', async () => {
    expect(await valuesOf(() => reduceLoss(noPositives as tf.Tensor1D, 'mean'))).toEqual({ shape: [], values: [0] });
    expect(await valuesOf(() => reduceLoss(noPositives as tf.Tensor1D, tf.Reduction.SUM))).toEqual({ shape: [], values: [0] });
    expect(await valuesOf(() => rankStatistic(noRows as tf.Tensor2D, sigmoid(), null, 1))).toEqual({ shape: [0], values: [] });
    expect(await valuesOf(() => logOnePlusSumExp(noRows as tf.Tensor2D))).toEqual({ shape: [0], values: [] });
    const gaps = { gaps: noRows as tf.Tensor2D, mask: null, rowHasPositive: null };
    expect(await valuesOf(() => croLossFromGaps(gaps, softplus(), powerLaw({ alpha: 1, numItems: 10 }), NO_RESOLVED))).toEqual({ shape: [0], values: [] });
  });
  it('the shared inputs are still alive', () => expect(noPositives.isDisposed || noRows.isDisposed).toBe(false));
});

describe('loss: bad-input matrix — a row with every negative masked: R = s = 1, finite zero gradient', () => {
  const mask = [[0, 0, 0], [1, 1, 1]];
  for (const [name, kernel] of Object.entries(kernels)) {
    it(`${name}: croLoss row 0 = W(1) = 0, lambda row 0 = w(1) = 1 / Z; row 1 as without a mask`, async () => {
      const got = await valuesOf(() => croLossFromScores(pos, neg, { ...base, kernel, mask }));
      expect(got.values[0]).toBe(0);
      expect(got.values[1]).toBeCloseTo(croLossRef(ref, name)[1], 5);
      const lambda = await valuesOf(() => lambdaCroLossFromScores(pos, neg, { ...base, weightKernel: kernel, mask }));
      expect(lambda.values[0]).toBeCloseTo(density(1, 1.2, 100), 6);
      expect(lambda.values[1]).toBeCloseTo(lambdaLossRef(ref, name, 'softplus')[1], 5);
    });
  }
  for (const [name, kernel] of trainable) {
    it(`${name}: the masked row's gradients (positive and negatives) are exactly 0, the rest finite`, async () => {
      for (const loss of [
        (p: tf.Tensor, n: tf.Tensor) => croLossFromScores(p, n, { ...base, kernel, mask }),
        (p: tf.Tensor, n: tf.Tensor) => lambdaCroLossFromScores(p, n, { ...base, gradientKernel: kernel, mask }),
      ]) {
        const [gPos, gNeg] = await valuesOfAll(() => tf.tidy(() => tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(loss(p, n)))([tf.tensor1d(pos), tf.tensor2d(neg)])));
        expect([gPos[0], ...gNeg.slice(0, 3)].map(Math.abs)).toEqual([0, 0, 0, 0]);
        expect([...gPos, ...gNeg].every(Number.isFinite)).toBe(true);
        expect(gNeg.slice(3).some((g) => g !== 0)).toBe(true);
      }
    });
  }
  it('rankStatistic / rankScale: an all-masked row has R = 1 and factor 1 (not |I| / 0)', async () => {
    const maskTensor = tf.tensor2d(mask);
    const scale = await valuesOf(() => rankScale(100, 3, maskTensor as tf.Tensor2D, undefined) as tf.Tensor);
    expect(scale.values).toEqual([1, 100 / 3].map(Math.fround));
    const r = await valuesOf(() => tf.tidy(() => rankStatistic(tf.zeros([2, 3]) as tf.Tensor2D, unitStep(), maskTensor as tf.Tensor2D, 1)));
    expect(r.values).toEqual([1, 4]);
    maskTensor.dispose();
  });
});

describe('loss: bad-input matrix — int32 and bool inputs give the float32 result', () => {
  const intPos = tf.tensor1d([1, 0], 'int32');
  const intNeg = tf.tensor2d([[2, -1, 0], [0, 3, -2]], undefined, 'int32');
  const floatPos = tf.tensor1d([1, 0]);
  const floatNeg = tf.tensor2d([[2, -1, 0], [0, 3, -2]]);
  const intMask = tf.tensor2d([[1, 0, 1], [1, 1, 1]], undefined, 'int32');
  const boolMask = tf.tensor2d([[1, 0, 1], [1, 1, 1]], undefined, 'bool');
  const floatMask = tf.tensor2d([[1, 0, 1], [1, 1, 1]]);

  for (const [name, kernel] of Object.entries(kernels)) {
    it(`${name}: croLossFromScores and lambdaCroLossFromScores, int32 scores, int32 / bool masks`, async () => {
      const expected = (await valuesOf(() => croLossFromScores(floatPos, floatNeg, { ...base, kernel, mask: floatMask }))).values;
      expect((await valuesOf(() => croLossFromScores(intPos, intNeg, { ...base, kernel, mask: intMask }))).values).toEqual(expected);
      expect((await valuesOf(() => croLossFromScores(intPos, intNeg, { ...base, kernel, mask: boolMask }))).values).toEqual(expected);
      const lambdaExpected = (await valuesOf(() => lambdaCroLossFromScores(floatPos, floatNeg, { ...base, weightKernel: kernel, mask: floatMask }))).values;
      expect((await valuesOf(() => lambdaCroLossFromScores(intPos, intNeg, { ...base, weightKernel: kernel, mask: boolMask }))).values).toEqual(lambdaExpected);
    });
  }

  it('croLoss and lambdaCroLoss: int32 labels and int32 scores', async () => {
    const labels = [[0, 1, 0], [1, 0, 0]];
    const scores = [[2, -1, 0], [0, 3, -2]];
    for (const fn of [croLoss, lambdaCroLoss] as const) {
      const expected = (await valuesOf(() => fn(labels, scores, base))).values;
      const got = await valuesOf(() => tf.tidy(() => fn(tf.tensor2d(labels, undefined, 'int32'), tf.tensor2d(scores, undefined, 'int32'), base)));
      expect(got.values).toEqual(expected);
    }
  });

  it('logOnePlusSumExp: int32 input gives the float32 result', async () => {
    const got = await valuesOf(() => logOnePlusSumExp(intNeg as tf.Tensor2D));
    expect(got.values).toEqual((await valuesOf(() => logOnePlusSumExp(floatNeg as tf.Tensor2D))).values);
  });

  it('keepMask: a bool mask passes through, an int32 one becomes bool', async () => {
    expect(keepMask(boolMask as tf.Tensor2D)).toBe(boolMask);
    const kept = await valuesOf(() => keepMask(intMask as tf.Tensor2D));
    expect(kept.values).toEqual([1, 0, 1, 1, 1, 1]);
  });
});
