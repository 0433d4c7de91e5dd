/** The gaps g = tau * (s_neg - s_pos) of the scores and labels forms, and what every rank statistic of one call shares. */
import * as tf from '@tensorflow/tfjs-core';
import { argumentError, castToFloat32, checkNumber, checkTensorArgument, expectShape, toFloatTensorOfRank } from '@croloss/internal';
import type { TensorInput } from './tensor-input';
import { rankScaleOf } from './rank-scale';
import { toKeepMask } from './rank-statistic';

/** Gaps g = tau * (s_neg - s_pos) for every (row, candidate), with which candidates count as negatives. */
export interface Gaps {
  /** [B, K] tau-scaled gaps. */
  gaps: tf.Tensor2D;
  /** [B, K] 1 where the entry is a negative of that row, 0 where it is not (padding, accidental hit, positive); null when all are. */
  mask: tf.Tensor2D | null;
  /** [B] 1 for rows that have a positive; null when all rows do. Rows without one get a loss of 0. */
  rowHasPositive: tf.Tensor1D | null;
}

/**
 * The scores of the scores form, checked and converted, before any gap is computed: the fused kernels of the scores
 * form take them as they are (the gaps tau (s_neg - s_pos) are computed inside the kernel), the composed path makes
 * {@link Gaps} of them with {@link gapsOfScores}.
 */
export interface Scores {
  /** [B] the positive's score per row. */
  positive: tf.Tensor1D;
  /** [B, K] the negatives' scores. */
  negatives: tf.Tensor2D;
  /** [B, K] 1 keeps a negative, 0 drops it; null keeps all. */
  mask: tf.Tensor2D | null;
  /** The temperature: g = tau (s_neg - s_pos). */
  tau: number;
}

/**
 * The checked scores form: positive [B], negatives [B, K], optional mask [B, K] (1 keeps a negative, 0 drops it),
 * as float32 tensors. K = 0 and B = 0 are allowed. Nothing is left behind when it throws.
 */
export function scoresFrom(fn: string, positive: TensorInput, negatives: TensorInput, mask: TensorInput | undefined, tau: number): Scores {
  checkNumber(fn, 'tau', tau, (v) => v > 0, 'a finite number > 0');
  return tf.tidy(() => {
    const pos = toFloatTensorOfRank(fn, 'positiveScores', positive, 1, '[B]');
    const neg = toFloatTensorOfRank(fn, 'negativeScores', negatives, 2, '[B, K]');
    const [batch, k] = neg.shape;
    expectShape(fn, 'positiveScores', pos.shape, [batch], 'one positive score per row of negativeScores');
    const maskTensor = mask === undefined ? null : toFloatTensorOfRank(fn, 'mask', mask, 2, '[B, K]');
    if (maskTensor) expectShape(fn, 'mask', maskTensor.shape, [batch, k], 'same as negativeScores');
    return { positive: pos, negatives: neg, mask: maskTensor, tau } as unknown as tf.TensorContainer;
  }) as unknown as Scores;
}

/** The gaps of checked scores: g[b, j] = tau * (negatives[b, j] - positive[b]), with the scores' mask. */
export function gapsOfScores(scores: Scores): Gaps {
  const gaps = tf.tidy(() => tf.mul(subtractColumn(scores.negatives, scores.positive), scores.tau) as tf.Tensor2D);
  return { gaps, mask: scores.mask, rowHasPositive: null };
}

/**
 * Gaps of the scores form: g[b, j] = tau * (negatives[b, j] - positive[b]).
 * positive [B], negatives [B, K], optional mask [B, K] (1 keeps a negative, 0 drops it). K = 0 (no negatives) and
 * B = 0 (an empty batch) are allowed and give [B, 0] or [0, K] gaps. Nothing is left behind when it throws.
 */
export function gapsFromScores(
  fn: string,
  positive: TensorInput,
  negatives: TensorInput,
  mask: TensorInput | undefined,
  tau: number,
): Gaps {
  return tf.tidy(() => gapsOfScores(scoresFrom(fn, positive, negatives, mask, tau)) as unknown as tf.TensorContainer) as unknown as Gaps;
}

/**
 * matrix [B, K] minus column [B] broadcast along each row. With K = 0 the column is sliced to [B, 0] first: tfjs's
 * gradient of a broadcasting Sub fails for a zero-sized output (it reshapes an empty sum into [B, 1]).
 */
function subtractColumn(matrix: tf.Tensor, column: tf.Tensor): tf.Tensor {
  const asColumn = tf.expandDims(column, 1);
  if (matrix.shape[1] !== 0) return tf.sub(matrix, asColumn);
  return tf.sub(matrix, tf.slice(asColumn, [0, 0], [matrix.shape[0] as number, 0]));
}

/**
 * Gaps of the tfjs-layers form (yTrue, yPred), both [B, C]: entries of yTrue > 0 mark the positives.
 * One positive per row (one-hot) is the common case. A row with several positives (multi-hot) is ranked
 * through the mean of its positive scores against its non-positive columns; use `multiHot: 'each'`
 * in the loss for the exact mean of the per-positive losses instead. A row without a positive is flagged in
 * `rowHasPositive` (its loss is 0); C = 1 (no negatives) and B = 0 (an empty batch) are allowed. Nothing is left
 * behind when it throws.
 */
export function gapsFromLabels(fn: string, yTrue: TensorInput, yPred: TensorInput, tau: number): Gaps {
  checkNumber(fn, 'tau', tau, (v) => v > 0, 'a finite number > 0');
  return tf.tidy(() => {
    const labels = toFloatTensorOfRank(fn, 'yTrue', yTrue, 2, '[B, C]');
    const scores = toFloatTensorOfRank(fn, 'yPred', yPred, 2, '[B, C]');
    expectShape(fn, 'yTrue', labels.shape, scores.shape, 'same as yPred');
    const isPositive = castToFloat32(tf.greater(labels, 0));
    const count = tf.sum(isPositive, 1);
    // where, not isPositive * scores: 0 * (±Infinity) would make the positive score NaN for a row with an infinite negative
    const positiveScore = tf.div(tf.sum(tf.where(tf.greater(labels, 0), scores, tf.zerosLike(scores)), 1), tf.maximum(count, 1));
    const gaps = tf.mul(subtractColumn(scores, positiveScore), tau) as tf.Tensor2D;
    const mask = tf.sub(1, isPositive) as tf.Tensor2D;
    const rowHasPositive = castToFloat32(tf.greater(count, 0)) as tf.Tensor1D;
    return { gaps, mask, rowHasPositive };
  });
}

/**
 * Per-positive gaps of multi-hot rows: g[b, p, j] = tau * (yPred[b, j] - yPred[b, p]), [B, C, C], with the
 * mask of columns j that are negatives of row b and the indicator of positives p. Memory B * C^2.
 */
export function gapsPerPositive(fn: string, yTrue: TensorInput, yPred: TensorInput, tau: number) {
  checkNumber(fn, 'tau', tau, (v) => v > 0, 'a finite number > 0');
  return tf.tidy(() => {
    const labels = toFloatTensorOfRank(fn, 'yTrue', yTrue, 2, '[B, C]');
    const scores = toFloatTensorOfRank(fn, 'yPred', yPred, 2, '[B, C]');
    expectShape(fn, 'yTrue', labels.shape, scores.shape, 'same as yPred');
    const [batch, c] = scores.shape;
    const isPositive = castToFloat32(tf.greater(labels, 0)) as tf.Tensor2D;
    const gaps = tf.reshape(tf.mul(tf.sub(tf.expandDims(scores, 1), tf.expandDims(scores, 2)), tau), [batch * c, c]) as tf.Tensor2D;
    const mask = tf.reshape(tf.tile(tf.expandDims(tf.sub(1, isPositive), 1), [1, c, 1]), [batch * c, c]) as tf.Tensor2D;
    return { gaps, mask, isPositive };
  });
}

/** Throws unless `gaps` is a {@link Gaps}: gaps [B, K], mask null or [B, K], rowHasPositive null or [B]. */
export function checkGaps(fn: string, gaps: unknown): Gaps {
  if (gaps === null || typeof gaps !== 'object') throw argumentError(fn, 'gaps', 'an object { gaps, mask, rowHasPositive } (see gapsFromScores)', gaps);
  const { gaps: g, mask, rowHasPositive } = gaps as Gaps;
  const matrix = checkTensorArgument(fn, 'gaps.gaps', g, 2, '[B, K]');
  if (mask !== null && mask !== undefined) {
    const m = checkTensorArgument(fn, 'gaps.mask', mask, 2, '[B, K]');
    expectShape(fn, 'gaps.mask', m.shape, matrix.shape, 'same as gaps.gaps');
  }
  if (rowHasPositive !== null && rowHasPositive !== undefined) {
    const r = checkTensorArgument(fn, 'gaps.rowHasPositive', rowHasPositive, 1, '[B]');
    expectShape(fn, 'gaps.rowHasPositive', r.shape, [matrix.shape[0]], 'one flag per row of gaps.gaps');
  }
  return { gaps: g, mask: mask ?? null, rowHasPositive: rowHasPositive ?? null };
}

/**
 * What every rank statistic of one loss call shares, computed once: the eq. 24 factor per row (or a number) and the
 * negatives to keep as a bool mask (null keeps all).
 */
export function rankInputs(
  gaps: Gaps,
  numItems: number | undefined,
  override: number | undefined,
): { scale: number | tf.Tensor1D; keep: tf.Tensor2D | null } {
  return rankInputsOf(gaps.mask, gaps.gaps.shape[1], numItems, override);
}

/** {@link rankInputs} from the mask [B, K] (or null) and K, for the scores form before its gaps exist. */
export function rankInputsOf(
  mask: tf.Tensor2D | null,
  numNegatives: number,
  numItems: number | undefined,
  override: number | undefined,
): { scale: number | tf.Tensor1D; keep: tf.Tensor2D | null } {
  return {
    scale: rankScaleOf(numItems, numNegatives, mask, override),
    keep: mask === null ? null : toKeepMask(mask),
  };
}

/** Per-row losses [B] with 0 for the rows that have no positive (labels form); unchanged when every row has one. */
export function zeroRowsWithoutPositive(perRow: tf.Tensor, gaps: Gaps): tf.Tensor1D {
  const rows = gaps.rowHasPositive;
  return (rows === null ? perRow : tf.where(tf.greater(rows, 0), perRow, tf.zerosLike(perRow))) as tf.Tensor1D;
}
