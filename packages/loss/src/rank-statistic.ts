/** The rank statistic R_phi (eq. 15 / 24) and log R_phi: one dispatch (fused webgpu kernel, else composed tfjs ops) for both losses. */
import * as tf from '@tensorflow/tfjs-core';
import { isComparisonKernel, type ComparisonKernel } from '@croloss/kernels';
import { argumentError, checkTensorArgument } from '@croloss/internal';
import { addLogScale, fusedLogRankStatistic, fusedRankStatistic, fusedRankStatisticPair } from './fused-rank-statistic';
import { logOnePlusSumExp } from './log-one-plus-sum-exp';

/** The mask as booleans (true keeps); a bool mask passes through, so callers can compute it once. Any shape. */
export function keepMask(mask: tf.Tensor2D): tf.Tensor2D {
  checkTensorArgument('keepMask', 'mask', mask);
  return toKeepMask(mask);
}

/** {@link keepMask} without the check, for the loss entries (which validated their inputs once). */
export function toKeepMask(mask: tf.Tensor2D): tf.Tensor2D {
  return mask.dtype === 'bool' ? mask : (tf.greater(mask, 0) as tf.Tensor2D);
}

/** Checks the arguments every rank statistic takes; metadata only, nothing is read back. */
function checkRankArguments(fn: string, gaps: unknown, kernel: unknown, mask: unknown, scale: unknown): void {
  const g = checkTensorArgument(fn, 'gaps', gaps, 2, '[B, K]');
  if (!isComparisonKernel(kernel)) throw argumentError(fn, 'kernel', 'a ComparisonKernel', kernel);
  if (mask !== null) {
    const m = checkTensorArgument(fn, 'mask', mask, 2, '[B, K]');
    if (m.shape[0] !== g.shape[0] || m.shape[1] !== g.shape[1]) {
      throw argumentError(fn, 'mask', `null or a tensor of shape [${g.shape}] (same as gaps)`, `shape [${m.shape}]`);
    }
  }
  if (scale instanceof tf.Tensor) {
    if (scale.rank !== 1 || scale.shape[0] !== g.shape[0]) {
      throw argumentError(fn, 'scale', `a finite number > 0 or a tensor of shape [${g.shape[0]}] (one factor per row)`, `shape [${scale.shape}]`);
    }
  } else if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) {
    throw argumentError(fn, 'scale', `a finite number > 0 or a tensor of shape [${g.shape[0]}] (one factor per row)`, scale);
  }
}

/** A large negative stand-in for log(0) that keeps log-sum-exp and its gradient finite. */
const LOG_ZERO = -1e30;

/**
 * The rank statistic R_phi = scale * (1 + sum_j mask_j * phi(g_j)) per row (eq. 15, sampled form eq. 24).
 *
 * @param gaps  [B, K] gaps g = s_neg - s_pos (already tau-scaled)
 * @param kernel the comparison kernel phi
 * @param mask  [B, K] 1 keeps a negative, 0 drops it (or a bool tensor, true keeps); null keeps all
 * @param scale a number or [B]: |I| / |I'| for the sampled estimator, 1 for the exact statistic
 * @returns [B]
 *
 * On the `webgpu` backend with @croloss/webgpu-kernels imported (which `@croloss/backends` does for `webgpu`), the
 * built-in kernels are computed by one fused WGSL pass per row (its gradient by one element-wise pass); otherwise,
 * and for custom kernels, by composed tfjs ops. Both give the same values and gradients (to float32 rounding).
 *
 * @example
 * ```ts
 * rankStatistic(tf.tensor2d([[-1, 0.5, 2]]), unitStep(), null, 1); // [3]: two negatives score >= the positive
 * ```
 */
export function rankStatistic(
  gaps: tf.Tensor2D,
  kernel: ComparisonKernel,
  mask: tf.Tensor2D | null,
  scale: number | tf.Tensor1D,
): tf.Tensor1D {
  checkRankArguments('rankStatistic', gaps, kernel, mask, scale);
  return rankStatisticOf(gaps, kernel, mask, scale);
}

/**
 * log R_phi per row for kernels with `logApply` (the exponential): log(scale) + logsumexp([0, log phi(g_j)]),
 * finite for any finite gaps (+Infinity for a +Infinity gap). Same arguments as {@link rankStatistic}; [B].
 * Fused on `webgpu` like {@link rankStatistic} (the exponential: a row max, then the sum of e^(g - max), one pass).
 *
 * @example
 * ```ts
 * logRankStatistic(tf.tensor2d([[0, 1e4]]), exponential(), null, 1); // [1e4]: log(1 + e^0 + e^1e4), no overflow
 * ```
 */
export function logRankStatistic(
  gaps: tf.Tensor2D,
  kernel: ComparisonKernel,
  mask: tf.Tensor2D | null,
  scale: number | tf.Tensor1D,
): tf.Tensor1D {
  checkRankArguments('logRankStatistic', gaps, kernel, mask, scale);
  if (!kernel.logApply) throw argumentError('logRankStatistic', 'kernel', 'a kernel with logApply (e.g. exponential())', kernel.name);
  return logRankStatisticOf(gaps, kernel, mask, scale);
}

/**
 * R_phi per row, unchecked (the loss entries validated their inputs): the fused webgpu kernel when it is registered
 * and the kernel is a built-in, else composed tfjs ops. Arguments as {@link rankStatistic}.
 */
export function rankStatisticOf(gaps: tf.Tensor2D, kernel: ComparisonKernel, mask: tf.Tensor2D | null, scale: number | tf.Tensor1D): tf.Tensor1D {
  const fused = fusedRankStatistic(gaps, kernel, mask, scale);
  if (fused) return fused;
  return tf.tidy(() => {
    // Masked gaps are zeroed before phi as well as after it, so that their gradient is exactly 0 even where
    // phi'(gap) is Infinity or NaN (an exponential of a huge gap, a NaN score of a padding column).
    const keep = mask === null ? null : toKeepMask(mask);
    const phi = kernel.apply(keep === null ? gaps : tf.where(keep, gaps, tf.zerosLike(gaps)));
    const kept = keep === null ? phi : tf.where(keep, phi, tf.zerosLike(phi));
    return tf.mul(tf.add(1, tf.sum(kept, 1)), scale) as tf.Tensor1D;
  });
}

/** log R_phi per row, unchecked; the kernel must have `logApply`. Fused or composed like {@link rankStatisticOf}. */
export function logRankStatisticOf(gaps: tf.Tensor2D, kernel: ComparisonKernel, mask: tf.Tensor2D | null, scale: number | tf.Tensor1D): tf.Tensor1D {
  const logApply = kernel.logApply as (x: tf.Tensor) => tf.Tensor;
  const fused = fusedLogRankStatistic(gaps, kernel, mask, scale);
  if (fused) return fused;
  return tf.tidy(() => {
    const keep = mask === null ? null : toKeepMask(mask);
    const logPhi = logApply(keep === null ? gaps : tf.where(keep, gaps, tf.zerosLike(gaps)));
    const kept = keep === null ? logPhi : tf.where(keep, logPhi, tf.fill(logPhi.shape, LOG_ZERO));
    const logSum = logOnePlusSumExp(kept as tf.Tensor2D);
    return addLogScale(logSum, scale);
  });
}

/**
 * [R_phi1, R_phi2] of the Lambda loss, unchecked: one fused pass over the gaps when both kernels are fusable, else
 * {@link rankStatisticOf} twice (each of which may still be fused on its own).
 */
export function rankStatisticPairOf(
  gaps: tf.Tensor2D,
  weightKernel: ComparisonKernel,
  gradientKernel: ComparisonKernel,
  mask: tf.Tensor2D | null,
  scale: number | tf.Tensor1D,
): [tf.Tensor1D, tf.Tensor1D] {
  return fusedRankStatisticPair(gaps, weightKernel, gradientKernel, mask, scale) ?? [
    rankStatisticOf(gaps, weightKernel, mask, scale),
    rankStatisticOf(gaps, gradientKernel, mask, scale),
  ];
}
