// One optimizer step of trainTowers: embed the batch (and the sampled negatives) through both towers, the task's loss, Adam.
import * as tf from '@tensorflow/tfjs-core';
import type { RetrievalTask } from './retrieval-task';
import { embedWith, type Tower } from './tower';
import type { SampledNegatives, TowerBatch } from './towers-train-options';

/** The towers, task and negatives one step uses. */
export interface StepContext {
  queryModel: Tower;
  candidateModel: Tower;
  task: RetrievalTask;
  negatives?: SampledNegatives;
  inBatchProbability?: (id: number) => number;
  optimizer: tf.Optimizer;
  variables: tf.Variable[];
}

/**
 * Runs one step on `batch` and returns the loss as a scalar tensor (not read back). The batch's tensors and the
 * negatives' features are disposed here.
 */
export function towersStep(context: StepContext, batch: TowerBatch): tf.Scalar {
  const fn = 'trainTowers';
  const { queryModel, candidateModel, task, negatives, optimizer, variables } = context;
  const owned: tf.Tensor[] = [...[batch.query].flat(), ...[batch.candidate].flat()];
  try {
    const sample = negatives ? negatives.sampler.sample(batch.candidateIds, negatives.count) : null;
    const sampledFeatures = sample && negatives ? negatives.features(sample.ids) : null;
    if (sampledFeatures) owned.push(...[sampledFeatures].flat());
    const weighted = !!sample && (negatives?.importanceWeights ?? true) && sample.probabilities !== undefined;
    return tf.tidy(() => optimizer.minimize(() => {
      const queryEmbeddings = embedWith(fn, 'queryModel', queryModel, batch.query, true);
      const candidateEmbeddings = embedWith(fn, 'candidateModel', candidateModel, batch.candidate, true);
      const sampled = sample && sampledFeatures
        ? { embeddings: embedWith(fn, 'candidateModel', candidateModel, sampledFeatures, true), ids: sample.ids, probabilities: weighted ? sample.probabilities : undefined }
        : undefined;
      return task.call({
        queryEmbeddings, candidateEmbeddings, candidateIds: batch.candidateIds, sampled,
        inBatchProbability: context.inBatchProbability,
        sampledProbability: negatives?.sampler.probability?.bind(negatives.sampler),
      }).loss;
    }, true, variables) as tf.Scalar);
  } finally {
    tf.dispose(owned);
  }
}
