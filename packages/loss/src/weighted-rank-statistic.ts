// The importance-weighted rank statistic R = c + sum_j mask_j w_j phi(g_j) and its log for kernels with logApply.
import * as tf from '@tensorflow/tfjs-core';
import { isComparisonKernel, type ComparisonKernel } from '@croloss/kernels';
import { argumentError, checkTensorArgument } from '@croloss/internal';
import { logOnePlusSumExp } from './log-one-plus-sum-exp';
import { keepMask } from './rank-statistic';

/** A large negative stand-in for log(0) (a dropped negative) that keeps log-sum-exp and its gradient finite. */
const LOG_ZERO = -1e30;

function checkArguments(fn: string, gaps: unknown, kernel: unknown, logWeights: unknown, mask: unknown, leading: unknown): void {
  const g = checkTensorArgument(fn, 'gaps', gaps, 2, '[B, K]');
  const [batch, k] = g.shape;
  if (!isComparisonKernel(kernel)) throw argumentError(fn, 'kernel', 'a ComparisonKernel', kernel);
  const w = checkTensorArgument(fn, 'logWeights', logWeights);
  const okWeights = (w.rank === 1 && w.shape[0] === k) || (w.rank === 2 && w.shape[0] === batch && w.shape[1] === k);
  if (!okWeights) throw argumentError(fn, 'logWeights', `a tensor of shape [${k}] or [${batch}, ${k}] (one log weight per negative)`, `shape [${w.shape}]`);
  if (mask !== null) {
    const m = checkTensorArgument(fn, 'mask', mask, 2, '[B, K]');
    if (m.shape[0] !== batch || m.shape[1] !== k) throw argumentError(fn, 'mask', `null or a tensor of shape [${g.shape}] (same as gaps)`, `shape [${m.shape}]`);
  }
  if (leading instanceof tf.Tensor) {
    if (leading.rank !== 1 || leading.shape[0] !== batch) throw argumentError(fn, 'leading', `a finite number > 0 or a tensor of shape [${batch}]`, `shape [${leading.shape}]`);
  } else if (typeof leading !== 'number' || !Number.isFinite(leading) || leading <= 0) {
    throw argumentError(fn, 'leading', `a finite number > 0 or a tensor of shape [${batch}]`, leading);
  }
}

/**
 * The importance-weighted rank statistic per row:
 *
 *   R_b = c_b + sum_j mask_bj * w_bj * phi(g_bj),   w_bj = exp(logWeights_bj)
 *
 * With w_j = 1 / (M q_j) (see {@link logImportanceWeights}) the sum estimates sum over the whole corpus of phi(g)
 * without bias for negatives drawn from q; c = 1 (default of the losses) counts the positive itself, exactly as in
 * eq. 15. Eq. 24's sampled estimator |I| / M * (1 + sum phi) is the case w_j = |I| / M (uniform q) and c = |I| / M:
 * eq. 24 also scales the leading 1, which this function only does when asked (c is an argument).
 *
 * @param gaps [B, K] tau-scaled gaps s_neg - s_pos
 * @param kernel phi
 * @param logWeights [K] (shared negatives) or [B, K]: log w
 * @param mask [B, K] 1 keeps, 0 drops (accidental hits, padding), or null
 * @param leading c: a number > 0 or [B]
 * @returns [B]
 *
 * @example
 * ```ts
 * weightedRankStatistic(tf.tensor2d([[0, 0]]), unitStep(), tf.tensor1d([Math.log(2), 0]), null, 1); // [1 + 2 + 1] = [4]
 * ```
 */
export function weightedRankStatistic(
  gaps: tf.Tensor2D,
  kernel: ComparisonKernel,
  logWeights: tf.Tensor,
  mask: tf.Tensor2D | null,
  leading: number | tf.Tensor1D,
): tf.Tensor1D {
  checkArguments('weightedRankStatistic', gaps, kernel, logWeights, mask, leading);
  return tf.tidy(() => {
    const keep = mask === null ? null : keepMask(mask);
    const phi = kernel.apply(keep === null ? gaps : tf.where(keep, gaps, tf.zerosLike(gaps)));
    const weighted = tf.mul(phi, tf.exp(logWeights));
    const kept = keep === null ? weighted : tf.where(keep, weighted, tf.zerosLike(weighted));
    return tf.add(tf.sum(kept, 1), leading) as tf.Tensor1D;
  });
}

/**
 * log of {@link weightedRankStatistic} for kernels with `logApply` (the exponential), in the log domain:
 *
 *   log R_b = log c_b + log(1 + sum_j mask_bj exp(log phi(g_bj) + logWeights_bj - log c_b))
 *
 * For the exponential kernel an importance weight is a logit shift: w_j e^(g_j) = e^(g_j + log w_j), i.e. with
 * w_j = 1 / (M q_j) the gap g_j - log(M q_j) (the log-q correction). Finite for any finite gaps. Same arguments; [B].
 *
 * @example
 * ```ts
 * weightedLogRankStatistic(tf.tensor2d([[0, 1e4]]), exponential(), tf.tensor1d([0, 0]), null, 1); // [1e4]
 * ```
 */
export function weightedLogRankStatistic(
  gaps: tf.Tensor2D,
  kernel: ComparisonKernel,
  logWeights: tf.Tensor,
  mask: tf.Tensor2D | null,
  leading: number | tf.Tensor1D,
): tf.Tensor1D {
  const fn = 'weightedLogRankStatistic';
  checkArguments(fn, gaps, kernel, logWeights, mask, leading);
  if (!kernel.logApply) throw argumentError(fn, 'kernel', 'a kernel with logApply (e.g. exponential())', kernel.name);
  const logApply = kernel.logApply;
  return tf.tidy(() => {
    const keep = mask === null ? null : keepMask(mask);
    const logLeading = typeof leading === 'number' ? tf.scalar(Math.log(leading)) : tf.log(leading);
    const shifted = tf.sub(tf.add(logApply(keep === null ? gaps : tf.where(keep, gaps, tf.zerosLike(gaps))), logWeights), tf.reshape(logLeading, [-1, 1]));
    const kept = keep === null ? shifted : tf.where(keep, shifted, tf.fill(shifted.shape, LOG_ZERO));
    return tf.add(logOnePlusSumExp(kept as tf.Tensor2D), logLeading) as tf.Tensor1D;
  });
}
