/** Builds a RetrievalLoss from its two forms. */
import type * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';
import type { TensorInput } from './tensor-input';

/**
 * A configured loss usable both ways: called as `(yTrue, yPred)` it is a tfjs-layers loss
 * (`model.compile({ loss })`); `fromScores(positive [B], negatives [B, K], mask?)` is the two-tower form.
 * Both return per-example losses [B] unless the configuration asked for a reduction.
 */
export interface RetrievalLoss {
  (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor;
  fromScores(positiveScores: TensorInput, negativeScores: TensorInput, mask?: TensorInput): tf.Tensor;
  /** A short description for logs and results, e.g. `croloss(softplus, alpha=1)`. */
  readonly description: string;
}

/** Builds a {@link RetrievalLoss} from its two forms. */
export function retrievalLoss(
  description: string,
  labels: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor,
  scores: (positive: TensorInput, negatives: TensorInput, mask?: TensorInput) => tf.Tensor,
): RetrievalLoss {
  if (typeof description !== 'string') throw argumentError('retrievalLoss', 'description', 'a string', description);
  if (typeof labels !== 'function') throw argumentError('retrievalLoss', 'labels', 'a function (yTrue, yPred) => Tensor', labels);
  if (typeof scores !== 'function') throw argumentError('retrievalLoss', 'scores', 'a function (positive, negatives, mask?) => Tensor', scores);
  const loss = ((yTrue: tf.Tensor, yPred: tf.Tensor) => labels(yTrue, yPred)) as RetrievalLoss;
  Object.defineProperty(loss, 'name', { value: description });
  return Object.assign(loss, { fromScores: scores, description });
}
