/** CROLoss-lambda SG(w(R_phi1)) * R_phi2 (eq. 21-23): the labels and scores entries, and the per-row loss from gaps they share. */
import * as tf from '@tensorflow/tfjs-core';
import { sigmoid, softplus, type ComparisonKernel } from '@croloss/kernels';
import type { Weighting } from '@croloss/weighting';
import { fusedScoreRankStatistics, scoreKernelsFusable } from './fused-rank-statistic';
import { checkGaps, gapsFromLabels, gapsOfScores, rankInputs, rankInputsOf, scoresFrom, zeroRowsWithoutPositive, type Gaps, type Scores } from './gaps';
import { checkKernel, checkResolved, checkWeighting, negativesPerRow, resolveLossOptions, type RankScaleOptions, type LossOptions } from './options';
import { rankStatisticPairOf } from './rank-statistic';
import { applyReduction } from './reduce';
import { stopGradient } from './stop-gradient';
import { shapeOf } from '@croloss/internal';
import type { TensorInput } from './tensor-input';

/** Options of {@link lambdaCroLoss} and {@link lambdaCroLossFromScores}. */
export interface LambdaCroLossOptions extends LossOptions {
  /** phi1, estimating the rank inside the multiplier lambda = w_alpha(R_phi1) (eq. 21); may be unitStep(). Default sigmoid(). */
  weightKernel?: ComparisonKernel;
  /** phi2, whose derivative moves each gap (eq. 22); must be differentiable. Default softplus(). */
  gradientKernel?: ComparisonKernel;
}

/** Options of {@link lambdaCroLossFromScores}. */
export interface LambdaCroLossScoresOptions extends LambdaCroLossOptions {
  /** [B, K] 1 keeps a negative, 0 drops it. */
  mask?: TensorInput;
}

/**
 * Per-row Lambda loss from gaps: SG(w(R_phi1)) * R_phi2 (eq. 23); rows without a positive give 0.
 * Its gradient with respect to gap g_j is w(R_phi1) * s * phi2'(g_j), s being the eq. 24 factor (eq. 22).
 */
export function lambdaCroLossFromGaps(
  gaps: Gaps,
  weightKernel: ComparisonKernel,
  gradientKernel: ComparisonKernel,
  weighting: Weighting,
  resolved: RankScaleOptions,
): tf.Tensor1D {
  const fn = 'lambdaCroLossFromGaps';
  gaps = checkGaps(fn, gaps);
  checkKernel(fn, 'weightKernel', weightKernel, false);
  checkKernel(fn, 'gradientKernel', gradientKernel, true);
  checkWeighting(fn, weighting);
  checkResolved(fn, resolved);
  return lambdaCroLossPerRow(gaps, weightKernel, gradientKernel, weighting, resolved);
}

/** {@link lambdaCroLossFromGaps} unchecked: the loss entries validated their inputs once. Mirrors croLossPerRow. */
function lambdaCroLossPerRow(
  gaps: Gaps,
  weightKernel: ComparisonKernel,
  gradientKernel: ComparisonKernel,
  weighting: Weighting,
  resolved: RankScaleOptions,
): tf.Tensor1D {
  return tf.tidy(() => {
    const { scale, keep } = rankInputs(gaps, resolved.numItems, resolved.rankScale);
    const [r1, r2] = rankStatisticPairOf(gaps.gaps, weightKernel, gradientKernel, keep, scale);
    const perRow = tf.mul(stopGradient(weighting.density(r1)), r2);
    return zeroRowsWithoutPositive(perRow, gaps);
  });
}

/**
 * {@link lambdaCroLossPerRow} of the scores form: both statistics from the scores in one pass of the fused kernel of
 * the scores form when the backend has it and both kernels are built-ins, else through the gaps.
 */
function lambdaCroLossPerRowOfScores(
  scores: Scores,
  weightKernel: ComparisonKernel,
  gradientKernel: ComparisonKernel,
  weighting: Weighting,
  resolved: RankScaleOptions,
): tf.Tensor1D {
  if (!scoreKernelsFusable(scores, [weightKernel, gradientKernel])) {
    return lambdaCroLossPerRow(gapsOfScores(scores), weightKernel, gradientKernel, weighting, resolved);
  }
  return tf.tidy(() => {
    const { scale, keep } = rankInputsOf(scores.mask, scores.negatives.shape[1], resolved.numItems, resolved.rankScale);
    const [r1, r2] = fusedScoreRankStatistics(scores, [weightKernel, gradientKernel], 1, keep, scale);
    return tf.mul(stopGradient(weighting.density(r1)), r2) as tf.Tensor1D;
  });
}

/**
 * CROLoss-lambda in the tfjs-layers form (eq. 21-23): per example
 *
 *   loss = SG(w_alpha(R_phi1)) * R_phi2,   d loss / d g_j = w_alpha(R_phi1) * phi2'(g_j)  (times the eq. 24 factor)
 *
 * The value is a surrogate whose gradient is the point; with phi1 = phi2 = phi its gradient equals croLoss's.
 *
 * @param yTrue [B, C] marking each row's positive; @param yPred [B, C] scores. Returns [B] or a scalar.
 *
 * @example
 * ```ts
 * lambdaCroLoss(yTrue, yPred, { weightKernel: sigmoid(), gradientKernel: softplus(), alpha: 1.2 });
 * ```
 */
export function lambdaCroLoss(yTrue: TensorInput, yPred: TensorInput, options: LambdaCroLossOptions = {}): tf.Tensor {
  const fn = 'lambdaCroLoss';
  const weightKernel = checkKernel(fn, 'weightKernel', options.weightKernel ?? sigmoid(), false);
  const gradientKernel = checkKernel(fn, 'gradientKernel', options.gradientKernel ?? softplus(), true);
  const resolved = resolveLossOptions(fn, options, negativesPerRow(shapeOf(yPred), true));
  return tf.tidy(() => {
    const gaps = gapsFromLabels(fn, yTrue, yPred, resolved.tau);
    const weighting = resolved.weightingFor(Math.max(gaps.gaps.shape[1], 1));
    return applyReduction(lambdaCroLossPerRow(gaps, weightKernel, gradientKernel, weighting, resolved), resolved.reduction);
  });
}

/**
 * CROLoss-lambda in the scores form: positiveScores [B], negativeScores [B, K], optional mask [B, K].
 * Returns [B] or a scalar. The workload of the paper's Table 2 (sigmoid / softplus, alpha 1, numItems |I|).
 *
 * @example
 * ```ts
 * lambdaCroLossFromScores(pos, neg, { weightKernel: sigmoid(), gradientKernel: softplus(), alpha: 1, tau: 10, numItems: 313966 });
 * ```
 */
export function lambdaCroLossFromScores(
  positiveScores: TensorInput,
  negativeScores: TensorInput,
  options: LambdaCroLossScoresOptions = {},
): tf.Tensor {
  const fn = 'lambdaCroLossFromScores';
  const weightKernel = checkKernel(fn, 'weightKernel', options.weightKernel ?? sigmoid(), false);
  const gradientKernel = checkKernel(fn, 'gradientKernel', options.gradientKernel ?? softplus(), true);
  const resolved = resolveLossOptions(fn, options, negativesPerRow(shapeOf(negativeScores), false));
  return tf.tidy(() => {
    const scores = scoresFrom(fn, positiveScores, negativeScores, options.mask, resolved.tau);
    const weighting = resolved.weightingFor(scores.negatives.shape[1] + 1);
    return applyReduction(lambdaCroLossPerRowOfScores(scores, weightKernel, gradientKernel, weighting, resolved), resolved.reduction);
  });
}
