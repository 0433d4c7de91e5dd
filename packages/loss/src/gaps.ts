import * as tf from '@tensorflow/tfjs-core';
import { castToFloat32 } from '@croloss/kernels';
import { rankScale } from './rank-scale';
import { keepMask } from './rank-statistic';
import { expectShape, toFloatTensorOfRank, type TensorInput } from './validate';

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
 * Gaps of the scores form: g[b, j] = tau * (negatives[b, j] - positive[b]).
 * positive [B], negatives [B, K], optional mask [B, K] (1 keeps a negative, 0 drops it).
 */
export function gapsFromScores(
  fn: string,
  positive: TensorInput,
  negatives: TensorInput,
  mask: TensorInput | undefined,
  tau: number,
): Gaps {
  const pos = toFloatTensorOfRank(fn, 'positiveScores', positive, 1, '[B]');
  const neg = toFloatTensorOfRank(fn, 'negativeScores', negatives, 2, '[B, K]');
  const [batch, k] = neg.shape;
  if (k < 1) throw new Error(`${fn}: argument 'negativeScores' must have at least one negative per row (shape [B, K >= 1]), got [${neg.shape}]`);
  if (batch < 1) throw new Error(`${fn}: argument 'negativeScores' must have at least one row (shape [B >= 1, K]), got [${neg.shape}]`);
  expectShape(fn, 'positiveScores', pos.shape, [batch], 'one positive score per row of negativeScores');
  const maskTensor = mask === undefined ? null : toFloatTensorOfRank(fn, 'mask', mask, 2, '[B, K]');
  if (maskTensor) expectShape(fn, 'mask', maskTensor.shape, [batch, k], 'same as negativeScores');
  const gaps = tf.tidy(() => tf.mul(tf.sub(neg, tf.expandDims(pos, 1)), tau)) as tf.Tensor2D;
  return { gaps, mask: maskTensor as tf.Tensor2D | null, rowHasPositive: null };
}

/**
 * Gaps of the tfjs-layers form (yTrue, yPred), both [B, C]: entries of yTrue > 0 mark the positives.
 * One positive per row (one-hot) is the common case. A row with several positives (multi-hot) is ranked
 * through the mean of its positive scores against its non-positive columns; use `multiHot: 'each'`
 * in the loss for the exact mean of the per-positive losses instead.
 */
export function gapsFromLabels(fn: string, yTrue: TensorInput, yPred: TensorInput, tau: number): Gaps {
  const labels = toFloatTensorOfRank(fn, 'yTrue', yTrue, 2, '[B, C]');
  const scores = toFloatTensorOfRank(fn, 'yPred', yPred, 2, '[B, C]');
  expectShape(fn, 'yTrue', labels.shape, scores.shape, 'same as yPred');
  const [batch, c] = scores.shape;
  if (c < 2) throw new Error(`${fn}: argument 'yPred' must have at least 2 columns (a positive and a negative), got shape [${scores.shape}]`);
  if (batch < 1) throw new Error(`${fn}: argument 'yPred' must have at least one row (shape [B >= 1, C]), got [${scores.shape}]`);
  return tf.tidy(() => {
    const isPositive = castToFloat32(tf.greater(labels, 0));
    const count = tf.sum(isPositive, 1);
    const positiveScore = tf.div(tf.sum(tf.mul(isPositive, scores), 1), tf.maximum(count, 1));
    const gaps = tf.mul(tf.sub(scores, tf.expandDims(positiveScore, 1)), tau) as tf.Tensor2D;
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
  const labels = toFloatTensorOfRank(fn, 'yTrue', yTrue, 2, '[B, C]');
  const scores = toFloatTensorOfRank(fn, 'yPred', yPred, 2, '[B, C]');
  expectShape(fn, 'yTrue', labels.shape, scores.shape, 'same as yPred');
  const [batch, c] = scores.shape;
  if (c < 2 || batch < 1) throw new Error(`${fn}: argument 'yPred' must have shape [B >= 1, C >= 2], got [${scores.shape}]`);
  return tf.tidy(() => {
    const isPositive = castToFloat32(tf.greater(labels, 0)) as tf.Tensor2D;
    const gaps = tf.reshape(tf.mul(tf.sub(tf.expandDims(scores, 1), tf.expandDims(scores, 2)), tau), [batch * c, c]) as tf.Tensor2D;
    const mask = tf.reshape(tf.tile(tf.expandDims(tf.sub(1, isPositive), 1), [1, c, 1]), [batch * c, c]) as tf.Tensor2D;
    return { gaps, mask, isPositive };
  });
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
  return {
    scale: rankScale(numItems, gaps.gaps.shape[1], gaps.mask, override),
    keep: gaps.mask === null ? null : keepMask(gaps.mask),
  };
}

/** Per-row losses [B] with 0 for the rows that have no positive (labels form); unchanged when every row has one. */
export function zeroRowsWithoutPositive(perRow: tf.Tensor, gaps: Gaps): tf.Tensor1D {
  const rows = gaps.rowHasPositive;
  return (rows === null ? perRow : tf.where(tf.greater(rows, 0), perRow, tf.zerosLike(perRow))) as tf.Tensor1D;
}
