/** CROLoss W(R_phi) (eq. 16): the labels and scores entries, and the per-row loss from gaps they share. */
import * as tf from '@tensorflow/tfjs-core';
import { softplus, type ComparisonKernel } from '@croloss/kernels';
import type { Weighting } from '@croloss/weighting';
import { fusedScoreLogRankStatistic, fusedScoreRankStatistics, scoreKernelsFusable } from './fused-rank-statistic';
import { checkGaps, gapsFromLabels, gapsOfScores, gapsPerPositive, rankInputs, rankInputsOf, scoresFrom, zeroRowsWithoutPositive, type Gaps, type Scores } from './gaps';
import { checkKernel, checkResolved, checkWeighting, negativesPerRow, resolveLossOptions, type RankScaleOptions, type LossOptions } from './options';
import { logRankStatisticOf, rankStatisticOf } from './rank-statistic';
import { applyReduction } from './reduce';
import { shapeOf } from '@croloss/internal';
import type { TensorInput } from './tensor-input';

/** Options of {@link croLoss} and {@link croLossFromScores}. */
export interface CroLossOptions extends LossOptions {
  /** The comparison kernel phi. Default softplus() (the paper's best on Amazon Books). */
  kernel?: ComparisonKernel;
}

/** Options of the tfjs-layers form {@link croLoss}. */
export interface CroLossLabelOptions extends CroLossOptions {
  /**
   * Rows of yTrue with several positives: 'pooled' (default, O(B C)) ranks the mean positive score against the
   * non-positive columns; 'each' ranks every positive against the non-positive columns and averages their losses
   * (O(B C^2) memory). Both equal the one-hot loss on one-hot rows.
   */
  multiHot?: 'pooled' | 'each';
}

/** Options of the scores form {@link croLossFromScores}. */
export interface CroLossScoresOptions extends CroLossOptions {
  /** [B, K] 1 keeps a negative, 0 drops it (padding, accidental hits of the positive). */
  mask?: TensorInput;
}

/**
 * Per-row CROLoss W(R_phi) from gaps (eq. 16), rows without a positive giving 0. The exponential kernel
 * (and any kernel with `logApply`) is summed in the log domain, so W(R) and its gradient stay finite for huge
 * gaps when alpha >= 1; with alpha < 1 the true W(R) grows like R^(1 - alpha) and overflows float32 to Infinity
 * once (1 - alpha) log R > 88.7.
 */
export function croLossFromGaps(
  gaps: Gaps,
  kernel: ComparisonKernel,
  weighting: Weighting,
  resolved: RankScaleOptions,
): tf.Tensor1D {
  const fn = 'croLossFromGaps';
  gaps = checkGaps(fn, gaps);
  checkKernel(fn, 'kernel', kernel, false);
  checkWeighting(fn, weighting);
  checkResolved(fn, resolved);
  return croLossPerRow(gaps, kernel, weighting, resolved);
}

/** {@link croLossFromGaps} unchecked: the loss entries validated their inputs once. Mirrors lambdaCroLossPerRow. */
function croLossPerRow(gaps: Gaps, kernel: ComparisonKernel, weighting: Weighting, resolved: RankScaleOptions): tf.Tensor1D {
  return tf.tidy(() => {
    const { scale, keep } = rankInputs(gaps, resolved.numItems, resolved.rankScale);
    let perRow: tf.Tensor;
    if (kernel.logApply) {
      const logR = logRankStatisticOf(gaps.gaps, kernel, keep, scale);
      perRow = weighting.cdfFromLog ? weighting.cdfFromLog(logR) : weighting.cdf(tf.exp(logR));
    } else {
      perRow = weighting.cdf(rankStatisticOf(gaps.gaps, kernel, keep, scale));
    }
    return zeroRowsWithoutPositive(perRow, gaps);
  });
}

/**
 * {@link croLossPerRow} of the scores form: from the scores through the fused kernel of the scores form (gaps
 * computed in the kernel) when the backend has it and the kernel is a built-in (the exponential in its log-sum-exp
 * form, as croLossPerRow uses it), else through the gaps.
 */
function croLossPerRowOfScores(scores: Scores, kernel: ComparisonKernel, weighting: Weighting, resolved: RankScaleOptions): tf.Tensor1D {
  if (!scoreKernelsFusable(scores, [kernel])) return croLossPerRow(gapsOfScores(scores), kernel, weighting, resolved);
  return tf.tidy(() => {
    const { scale, keep } = rankInputsOf(scores.mask, scores.negatives.shape[1], resolved.numItems, resolved.rankScale);
    if (kernel.logApply) {
      // the exponential (softmax): log R in the log-sum-exp form, as croLossPerRow takes it
      const logR = fusedScoreLogRankStatistic(scores, keep, scale);
      return (weighting.cdfFromLog ? weighting.cdfFromLog(logR) : weighting.cdf(tf.exp(logR))) as tf.Tensor1D;
    }
    const [r] = fusedScoreRankStatistics(scores, [kernel], 0, keep, scale);
    return weighting.cdf(r) as tf.Tensor1D;
  });
}

/**
 * CROLoss in the tfjs-layers form: per example W_alpha(R_phi) (eq. 16), usable as `model.compile({ loss })`.
 *
 *   R_phi = s * (1 + sum_{j != positive} phi(tau * (yPred_j - yPred_positive))),  s = 1 or |I| / (C - 1) (eq. 24)
 *   W_alpha(R) = (R^(1-alpha) - 1) / ((|I| + 1)^(1-alpha) - 1)                       (log R / log(|I| + 1) at alpha = 1)
 *
 * @param yTrue [B, C] marking each row's positive (> 0); other columns are the negatives.
 * @param yPred [B, C] scores (logits); any dtype, cast to float32.
 * @returns [B] per example (reduction 'none'), or a scalar for 'mean' / 'sum'.
 *
 * @example
 * ```ts
 * import { softplus } from '@croloss/kernels';
 * const loss = croLoss(tf.oneHot([0, 2], 3), tf.tensor2d([[2, 1, 0], [0.5, 0, 1]]), { kernel: softplus(), alpha: 1.2 });
 * // [2]: small for the first row (its positive scores highest)
 * ```
 */
export function croLoss(yTrue: TensorInput, yPred: TensorInput, options: CroLossLabelOptions = {}): tf.Tensor {
  const fn = 'croLoss';
  const kernel = checkKernel(fn, 'kernel', options.kernel ?? softplus(), false);
  const resolved = resolveLossOptions(fn, options, negativesPerRow(shapeOf(yPred), true));
  const multiHot = options.multiHot ?? 'pooled';
  if (multiHot !== 'pooled' && multiHot !== 'each') throw new Error(`${fn}: argument 'multiHot' must be 'pooled' or 'each', got ${String(multiHot)}`);
  return tf.tidy(() => {
    if (multiHot === 'each') {
      const { gaps, mask, isPositive } = gapsPerPositive(fn, yTrue, yPred, resolved.tau);
      const [batch, columns] = isPositive.shape;
      const weighting = resolved.weightingFor(Math.max(columns, 1));
      const each = tf.reshape(croLossPerRow({ gaps, mask, rowHasPositive: null }, kernel, weighting, resolved), [batch, columns]);
      // where, not each * isPositive: the rows of non-positive columns may be NaN or infinite (an infinite score), and 0 * NaN = NaN
      const kept = tf.where(tf.greater(isPositive, 0), each, tf.zerosLike(each));
      const perRow = tf.div(tf.sum(kept, 1), tf.maximum(tf.sum(isPositive, 1), 1)) as tf.Tensor1D;
      return applyReduction(perRow, resolved.reduction);
    }
    const gaps = gapsFromLabels(fn, yTrue, yPred, resolved.tau);
    const weighting = resolved.weightingFor(Math.max(gaps.gaps.shape[1], 1));
    return applyReduction(croLossPerRow(gaps, kernel, weighting, resolved), resolved.reduction);
  });
}

/**
 * CROLoss in the scores form, for two-tower training with sampled negatives: per example W_alpha(R_phi) with
 *
 *   R_phi = s * (1 + sum_j mask_j * phi(tau * (negativeScores_j - positiveScore))),  s = 1 or |I| / |I'| (eq. 24)
 *
 * @param positiveScores [B] score of each row's positive item.
 * @param negativeScores [B, K] scores of the K negatives of each row (shared negatives: the same K items for all rows).
 * @returns [B] per example (reduction 'none'), or a scalar.
 *
 * @example
 * ```ts
 * const perExample = croLossFromScores(tf.tensor1d([0.9, 0.1]), tf.tensor2d([[0.2, 0.4], [0.3, 0.5]]), {
 *   kernel: sigmoid(), alpha: 1.2, tau: 10, numItems: 12101,
 * });
 * ```
 */
export function croLossFromScores(
  positiveScores: TensorInput,
  negativeScores: TensorInput,
  options: CroLossScoresOptions = {},
): tf.Tensor {
  const fn = 'croLossFromScores';
  const kernel = checkKernel(fn, 'kernel', options.kernel ?? softplus(), false);
  const resolved = resolveLossOptions(fn, options, negativesPerRow(shapeOf(negativeScores), false));
  return tf.tidy(() => {
    const scores = scoresFrom(fn, positiveScores, negativeScores, options.mask, resolved.tau);
    const weighting = resolved.weightingFor(scores.negatives.shape[1] + 1);
    return applyReduction(croLossPerRowOfScores(scores, kernel, weighting, resolved), resolved.reduction);
  });
}
