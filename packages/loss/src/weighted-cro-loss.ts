// CROLoss on importance-weighted sampled negatives (per-negative log weights, e.g. -log(M q_j)), and a loss object for trainers.
import * as tf from '@tensorflow/tfjs-core';
import { softplus } from '@croloss/kernels';
import { argumentError, shapeOf, toFloatTensorOfRank } from '@croloss/internal';
import { gapsFromScores } from './gaps';
import { checkKernel, negativesPerRow, resolveLossOptions } from './options';
import { reduceLoss } from './reduce';
import type { TensorInput } from './tensor-input';
import type { CroLossOptions } from './cro-loss';
import { weightedLogRankStatistic, weightedRankStatistic } from './weighted-rank-statistic';

/** The importance weights of one batch's negatives. */
export interface NegativeWeights {
  /** [K] or [B, K]: log w_j, e.g. {@link logImportanceWeights}(q, M) = -log(M q_j). */
  logWeights: TensorInput;
  /** The leading term c of R = c + sum_j w_j phi(g_j): 1 (default, unbiased), |I| / M for eq. 24, or [B]. */
  leading?: number | TensorInput;
  /** [B, K] 1 keeps a negative, 0 drops it (accidental hits, padding). */
  mask?: TensorInput;
}

/** Options of {@link croLossFromWeightedScores}: CROLoss's, without `rankScale` (the weights replace it). */
export type WeightedCroLossOptions = Omit<CroLossOptions, 'rankScale'>;

/**
 * CROLoss with importance-weighted negatives, per example W_alpha(R) with
 *
 *   R_b = c_b + sum_j mask_bj * exp(logWeights_bj) * phi(tau * (negativeScores_bj - positiveScore_b))
 *
 * W is normalised over numItems = |I| (required unless `normalize: false`). With logWeights = -log(M q_j) this is
 * CROLoss on negatives drawn from any proposal q (uniform, popularity, log-uniform, in-batch, mixed), the sum being an
 * unbiased estimate of the full-corpus sum. Kernels with `logApply` (exponential) are summed in the log domain.
 * Softmax with the log-q correction is `{ kernel: exponential(), alpha: 1, normalize: false }` (see the README for
 * the exact relation to TFRS's corrected logits).
 *
 * @param positiveScores [B]
 * @param negativeScores [B, K]
 * @returns [B] per example (reduction 'none'), or a scalar for 'mean' / 'sum'
 *
 * @example
 * ```ts
 * // the 2 shared negatives of `neg` were drawn from a popularity proposal with q = [0.01, 0.002]
 * const logWeights = logImportanceWeights(tf.tensor1d([0.01, 0.002]), 2);
 * const loss = croLossFromWeightedScores(pos, neg, { logWeights }, { kernel: softplus(), alpha: 1, numItems: 12101, reduction: 'mean' });
 * loss.dispose(); logWeights.dispose();
 * ```
 */
export function croLossFromWeightedScores(
  positiveScores: TensorInput,
  negativeScores: TensorInput,
  weights: NegativeWeights,
  options: WeightedCroLossOptions = {},
): tf.Tensor {
  const fn = 'croLossFromWeightedScores';
  if (weights === null || typeof weights !== 'object') throw argumentError(fn, 'weights', 'an object { logWeights, leading?, mask? }', weights);
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object', options);
  if ((options as { rankScale?: unknown }).rankScale !== undefined) {
    throw argumentError(fn, 'options.rankScale', 'undefined (the importance weights and weights.leading replace the eq. 24 factor)', (options as { rankScale?: unknown }).rankScale);
  }
  const kernel = checkKernel(fn, 'kernel', options.kernel ?? softplus(), false);
  const k = negativesPerRow(shapeOf(negativeScores), false);
  const resolved = resolveLossOptions(fn, options, 0);
  if (options.weighting === undefined && options.normalize !== false && resolved.numItems === undefined) {
    throw argumentError(fn, 'options.numItems', 'the corpus size |I| (W is normalised over it; or normalize: false)', undefined);
  }
  return tf.tidy(() => {
    const gaps = gapsFromScores(fn, positiveScores, negativeScores, weights.mask, resolved.tau);
    const [batch] = gaps.gaps.shape;
    const logWeights = toLogWeights(fn, weights.logWeights, batch, k);
    const leading = weights.leading ?? 1;
    let c: number | tf.Tensor1D;
    if (typeof leading === 'number') {
      if (!Number.isFinite(leading) || leading <= 0) throw argumentError(fn, 'weights.leading', `a finite number > 0 or a tensor of shape [${batch}]`, leading);
      c = leading;
    } else {
      c = toFloatTensorOfRank(fn, 'weights.leading', leading, 1, '[B]') as tf.Tensor1D;
      if (c.shape[0] !== batch) throw argumentError(fn, 'weights.leading', `a finite number > 0 or a tensor of shape [${batch}]`, `shape [${c.shape}]`);
    }
    const weighting = resolved.weightingFor(k + 1);
    let perRow: tf.Tensor;
    if (kernel.logApply) {
      const logR = weightedLogRankStatistic(gaps.gaps, kernel, logWeights, gaps.mask, c);
      perRow = weighting.cdfFromLog ? weighting.cdfFromLog(logR) : weighting.cdf(tf.exp(logR));
    } else {
      perRow = weighting.cdf(weightedRankStatistic(gaps.gaps, kernel, logWeights, gaps.mask, c));
    }
    return reduceLoss(perRow as tf.Tensor1D, resolved.reduction);
  });
}

function toLogWeights(fn: string, value: TensorInput, batch: number, k: number): tf.Tensor {
  const shape = shapeOf(value);
  const ok = (shape.length === 1 && shape[0] === k) || (shape.length === 2 && shape[0] === batch && shape[1] === k);
  if (!ok) throw argumentError(fn, 'weights.logWeights', `a tensor of shape [${k}] or [${batch}, ${k}] (one log weight per negative)`, `shape [${shape}]`);
  return toFloatTensorOfRank(fn, 'weights.logWeights', value, shape.length, shape.length === 1 ? '[K]' : '[B, K]');
}

/** A configured importance-weighted loss, what trainers call per batch (see @croloss/two-tower's retrievalTask). */
export interface WeightedScoresLoss {
  fromWeightedScores(positiveScores: tf.Tensor, negativeScores: tf.Tensor, weights: NegativeWeights): tf.Tensor;
  readonly description: string;
}

/**
 * {@link croLossFromWeightedScores} with its options bound, as an object trainers take.
 *
 * @example
 * ```ts
 * const softmax = weightedCroLoss({ kernel: exponential(), alpha: 1, normalize: false, reduction: 'mean' }); // log-q corrected softmax
 * const cro = weightedCroLoss({ kernel: softplus(), alpha: 1, numItems: 12101, reduction: 'mean' });
 * ```
 */
export function weightedCroLoss(options: WeightedCroLossOptions = {}): WeightedScoresLoss {
  const fn = 'weightedCroLoss';
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object', options);
  const kernel = checkKernel(fn, 'kernel', options.kernel ?? softplus(), false);
  const resolved = resolveLossOptions(fn, options, 0);
  return Object.freeze({
    fromWeightedScores: (positive: tf.Tensor, negatives: tf.Tensor, weights: NegativeWeights) => croLossFromWeightedScores(positive, negatives, weights, options),
    description: `croloss-weighted(${kernel.name}, ${options.weighting ? options.weighting.name : `alpha=${options.alpha ?? 1}`})`,
  });
}
