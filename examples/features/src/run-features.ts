// One run of the features example: train feature towers with one loss, with or without categories, and report test Recall@N.
import type { ProtocolSettings } from '@croloss/experiment-kit/protocol';
import * as tf from '@tensorflow/tfjs-core';
import { itemCounts, evaluationSet, splitUsers, trainingSampler, type EvaluationSet } from '@croloss/data';
import { exponential, softplus } from '@croloss/kernels';
import { weightedCroLoss } from '@croloss/loss';
import { popularitySampler } from '@croloss/sampling';
import { evaluateTowers, retrievalTask, trainTowers, type TowerFeatures } from '@croloss/two-tower';
import { featureTowers } from './feature-towers';
import { categoriesOf, type TaobaoFeatures } from './load-taobao-features';

/** Settings shared by every run (the same budget for every loss and feature set). */
export interface FeaturesConfig extends Omit<ProtocolSettings, 'sparseUpdates' | 'validationNs' | 'logEvery'> {
  seed: number;
}

export const DEFAULT_CONFIG: FeaturesConfig = {
  steps: 300, batchSize: 128, numNegatives: 512, evalEvery: 100, patience: 2, learningRate: 0.01,
  dim: 32, tau: 10, maxHistory: 50, seed: 1, ns: [20, 50, 100], validN: 50,
};

export type FeaturesLoss = 'softmax' | 'croloss';

/** What one run reports. */
export interface FeaturesRun {
  loss: FeaturesLoss;
  withCategories: boolean;
  recall: Record<number, number>;
  bestStep: number;
  steps: number;
  seconds: number;
}

/**
 * Trains featureTowers on the training users (8:1:1 user split with `config.seed`) with mixed negatives (in-batch plus
 * `numNegatives` popularity-sampled ones, importance-weighted by 1 / ((B - 1) q_in + M q_s), q_in the training-positive
 * frequency), early-stops on validation Recall@validN, and returns full-corpus test Recall@N.
 */
export async function runFeatures(data: TaobaoFeatures, loss: FeaturesLoss, withCategories: boolean, config: FeaturesConfig): Promise<FeaturesRun> {
  const { dataset, itemCategory, numCategories } = data;
  const { numItems } = dataset;
  const L = config.maxHistory;
  const split = splitUsers(dataset, { seed: config.seed });
  const valid = evaluationSet(dataset, split.valid, { maxHistory: L });
  const test = evaluationSet(dataset, split.test, { maxHistory: L });
  const counts = itemCounts(dataset, split.train);
  const totalCount = counts.reduce((a, b) => a + b, 0);
  const smoothed = Array.from(counts, (c, id) => (id === 0 ? 0 : c + 1));
  const sampler = popularitySampler({ counts: smoothed, seed: config.seed + 2, low: 1 });
  const inBatchProbability = (id: number) => counts[id] / totalCount;
  const { queryModel, candidateModel } = featureTowers({ numItems, numCategories, withCategories, dim: config.dim, maxHistory: L, seed: config.seed });
  const candidateFeatures = (ids: Int32Array): TowerFeatures => {
    const item = tf.tensor2d(ids, [ids.length, 1], 'int32');
    return withCategories ? [item, tf.tensor2d(categoriesOf(ids, itemCategory), [ids.length, 1], 'int32')] : item;
  };
  const queryFeatures = (histories: Int32Array, rows: number): TowerFeatures => {
    const h = tf.tensor2d(histories, [rows, L], 'int32');
    return withCategories ? [h, tf.tensor2d(categoriesOf(histories, itemCategory), [rows, L], 'int32')] : h;
  };
  const corpus = { size: numItems + 1, features: (a: number, b: number) => candidateFeatures(Int32Array.from({ length: b - a }, (_, i) => a + i)) };
  const recallOf = async (set: EvaluationSet, ns: number[]) => {
    const queries = queryFeatures(set.histories, set.targets.length);
    try {
      return (await evaluateTowers({ queryModel, candidateModel, queries, targets: set.targets, corpus, ns, excludeItems: [0] })).recall;
    } finally {
      tf.dispose(queries);
    }
  };
  const sequences = trainingSampler(dataset, split.train, { seed: config.seed + 1, maxHistory: L });
  const lossFunction = loss === 'softmax'
    ? weightedCroLoss({ kernel: exponential(), alpha: 1, normalize: false }) // sampled softmax with the log-q correction
    : weightedCroLoss({ kernel: softplus(), alpha: 1, numItems });
  try {
    const result = await trainTowers({
      queryModel, candidateModel, steps: config.steps, batchSize: config.batchSize, learningRate: config.learningRate,
      task: retrievalTask({ loss: lossFunction, tau: config.tau }),
      batches: {
        next(size) {
          const b = sequences.next(size);
          return { query: queryFeatures(b.histories, size), candidate: candidateFeatures(b.targets), candidateIds: b.targets };
        },
      },
      negatives: { sampler, count: config.numNegatives, features: candidateFeatures },
      inBatchProbability,
      evalEvery: config.evalEvery, patience: config.patience, logEvery: Math.min(50, config.evalEvery),
      evaluate: async () => (await recallOf(valid, [config.validN]))[config.validN],
    });
    const recall = await recallOf(test, config.ns);
    return { loss, withCategories, recall, bestStep: result.bestStep, steps: result.steps, seconds: result.seconds };
  } finally {
    queryModel.dispose();
    candidateModel.dispose();
  }
}
