// Options and result of trainTowers (the tfjs-layers trainer), validated in one place.
import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';
import type { RetrievalTask } from './retrieval-task';
import { checkTower, type Tower, type TowerFeatures } from './tower';
import type { TowersState } from './towers-state';
import type { TrainResult, TrainingLoopOptions } from './training-loop-options';

/** One batch of (query, positive candidate) pairs. The trainer disposes its tensors after the step. */
export interface TowerBatch {
  /** Query tower input(s), B rows. */
  query: TowerFeatures;
  /** Candidate tower input(s) of each row's positive, B rows. */
  candidate: TowerFeatures;
  /** [B] integer id of each row's positive candidate. */
  candidateIds: Int32Array;
}

/** A resumable batch source (e.g. {@link arrayBatches}). */
export interface TowerBatchSource {
  next(batchSize: number): TowerBatch;
  getState?(): unknown;
  setState?(state: never): void;
}

/** A tf.data.Dataset of {@link TowerBatch} elements (structural: `dataset.iterator()`); it restarts when exhausted. */
export interface TowerBatchDataset {
  iterator(): Promise<{ next(): Promise<IteratorResult<TowerBatch>> }>;
}

/** Shared sampled negatives, embedded through the candidate tower every step. */
export interface SampledNegatives {
  /** A sampler of @croloss/sampling (uniformSampler, popularitySampler, logUniformSampler) or anything alike. */
  sampler: {
    sample(positives: ArrayLike<number>, count: number): { ids: Int32Array; probabilities?: Float32Array };
    /** q_s(id); needed for mixed (in-batch + sampled) importance weights. */
    probability?(id: number): number;
    getState?(): unknown;
    setState?(state: never): void;
  };
  /** M, negatives per step. */
  count: number;
  /** Candidate tower input(s) for the sampled ids. */
  features(ids: Int32Array): TowerFeatures;
  /** Weight negatives by 1 / (M q) with the sampler's probabilities. Default true. */
  importanceWeights?: boolean;
}

/** Options of {@link trainTowers} (the loop options of training-loop-options.ts, `evaluate()`; e.g. evaluateTowers(...).recall[100]). */
export interface TrainTowersOptions extends TrainingLoopOptions<TowersState, []> {
  queryModel: Tower;
  candidateModel: Tower;
  task: RetrievalTask;
  batches: TowerBatchSource | TowerBatchDataset;
  negatives?: SampledNegatives;
  /** q_in(id) of in-batch negatives (e.g. training-positive frequencies); default the batch frequency. */
  inBatchProbability?: (id: number) => number;
  /** Total steps to reach (counting steps before a resume). */
  steps: number;
  /** Rows per step for a TowerBatchSource. Default 256. */
  batchSize?: number;
  /** Adam's learning rate when no optimizer is given. Default 0.001 (Keras's default). */
  learningRate?: number;
  optimizer?: tf.Optimizer;
}

/** What {@link trainTowers} did. */
export type TrainTowersResult = TrainResult;

/** The options with defaults, validated. */
export type ResolvedTowersOptions = TrainTowersOptions & Required<Pick<TrainTowersOptions, 'batchSize' | 'learningRate' | 'evalEvery' | 'patience' | 'logEvery' | 'checkpointEvery'>>;

/** Validates {@link TrainTowersOptions}, naming `trainTowers` and the argument. */
export function resolveTowersOptions(options: TrainTowersOptions): ResolvedTowersOptions {
  const fn = 'trainTowers';
  if (options === null || typeof options !== 'object') throw argumentError(fn, 'options', 'an object { queryModel, candidateModel, task, batches, steps }', options);
  checkTower(fn, 'queryModel', options.queryModel);
  checkTower(fn, 'candidateModel', options.candidateModel);
  if (!options.task || typeof options.task.call !== 'function') throw argumentError(fn, 'task', 'a RetrievalTask (retrievalTask({ loss }))', options.task);
  const b = options.batches as Partial<TowerBatchSource & TowerBatchDataset>;
  if (!b || (typeof b.next !== 'function' && typeof b.iterator !== 'function')) throw argumentError(fn, 'batches', 'a batch source { next(batchSize) } or a tf.data.Dataset of batches', options.batches);
  const resolved = { batchSize: 256, learningRate: 0.001, evalEvery: 500, patience: Infinity, logEvery: 50, checkpointEvery: 1000, ...options };
  for (const name of ['steps', 'batchSize', 'evalEvery', 'logEvery', 'checkpointEvery'] as const) {
    const v = resolved[name];
    if (!Number.isInteger(v) || v < (name === 'steps' ? 0 : 1)) throw argumentError(fn, name, name === 'steps' ? 'an integer >= 0' : 'an integer >= 1', v);
  }
  const lr = resolved.learningRate;
  if (!options.optimizer && (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0)) throw argumentError(fn, 'learningRate', 'a finite number > 0', lr);
  const p = resolved.patience;
  if (p !== Infinity && (!Number.isInteger(p) || p < 1)) throw argumentError(fn, 'patience', 'an integer >= 1 or Infinity', p);
  const n = options.negatives;
  if (n !== undefined) {
    if (n === null || typeof n !== 'object' || !n.sampler || typeof n.sampler.sample !== 'function') throw argumentError(fn, 'negatives.sampler', 'a sampler { sample(positives, count) }', n?.sampler);
    if (!Number.isInteger(n.count) || n.count < 1) throw argumentError(fn, 'negatives.count', 'an integer >= 1', n.count);
    if (typeof n.features !== 'function') throw argumentError(fn, 'negatives.features', 'a function (ids: Int32Array) => candidate features', n.features);
  }
  if (tf.getGradient('Sum') === undefined) {
    throw new Error(`${fn}: no gradients are registered; import '@tensorflow/tfjs' or '@tensorflow/tfjs-layers' once before training`);
  }
  return resolved;
}
