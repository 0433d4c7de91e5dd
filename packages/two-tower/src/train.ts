import * as tf from '@tensorflow/tfjs-core';
import { argumentError } from '@croloss/internal';
import { FusedAdamOptimizer } from './fused-adam';
import { LazyAdamOptimizer, remapRowIds } from './lazy-adam';
import type { TwoTowerModel } from './model';
import { applyState, captureState, type TrainingState } from './training-state';
import type { TrainResult, TrainingLoopOptions } from './training-loop-options';

/** A training batch: histories [B * L] (row-major, 0 = padding) and the target item of each row [B]. */
export interface TrainingBatch {
  histories: Int32Array;
  targets: Int32Array;
}

/** Where batches come from (e.g. `trainingSampler` of @croloss/data). */
export interface BatchSource {
  next(batchSize: number): TrainingBatch;
  getState?(): unknown;
  setState?(state: never): void;
}

/** Where negatives come from (e.g. `uniformSampler` of @croloss/sampling). */
export interface NegativeSource {
  sample(positives: ArrayLike<number>, numNegatives: number): { ids: Int32Array; mask: Float32Array };
  getState?(): unknown;
  setState?(state: never): void;
}

/** What the trainer needs of a loss: the scores form of any @croloss/loss loss or preset. */
export interface ScoresLoss {
  fromScores(positiveScores: tf.Tensor, negativeScores: tf.Tensor, mask?: tf.Tensor): tf.Tensor;
  readonly description?: string;
}

/** Options of {@link trainTwoTower} (the loop options of training-loop-options.ts, `evaluate(model)`). */
export interface TrainOptions extends TrainingLoopOptions<TrainingState, [model: TwoTowerModel]> {
  model: TwoTowerModel;
  loss: ScoresLoss;
  batches: BatchSource;
  negatives: NegativeSource;
  /** Total steps to reach (counting steps done before a resume). */
  steps: number;
  /** n_bs. Default 256. */
  batchSize?: number;
  /** Negatives shared by the batch, n_rn * n_bs in the paper. Default 2,560. */
  numNegatives?: number;
  /** Adam's learning rate, when no optimizer is given. Default 0.02 (the paper's). */
  learningRate?: number;
  /**
   * The optimizer (kept by the caller). Default a {@link FusedAdamOptimizer}(learningRate) (tf.train.adam's math, one
   * pass per variable on wasm), or with `sparseUpdates` a
   * LazyAdamOptimizer({ learningRate }). A {@link LazyAdamOptimizer} given here implies sparse updates.
   */
  optimizer?: tf.Optimizer | LazyAdamOptimizer;
  /**
   * Lazy Adam ({@link LazyAdamOptimizer}, TF's LazyAdamOptimizer semantics): each step updates only the rows of the
   * item embedding table it touches (history items, targets, negatives) and their Adam moments, differentiating
   * with respect to those rows instead of the whole [numItems + 1, d] table; the user (and item) tower layers get
   * ordinary Adam. Much cheaper per step on large catalogues, and different math from dense Adam (rows a step does
   * not touch do not move). Default false: dense tf.train.adam, every parameter every step.
   */
  sparseUpdates?: boolean;
  /** Mask accidental hits (a negative equal to the row's positive). Default true. */
  maskAccidentalHits?: boolean;
}


/**
 * Trains a two-tower model with a CROLoss-family loss on sampled negatives shared by the batch (paper 4.1):
 * per step, scores s_pos = tau <u, v_pos> [B] and s_neg = tau u V_neg^T [B, M], loss = mean_b loss(s_pos, s_neg, mask),
 * Adam. Loss values are read back every `logEvery` steps, not per step. With `evaluate`, the best weights by the
 * validation metric are restored at the end (early stopping).
 *
 * Gradients must be registered: import '@tensorflow/tfjs' or '@tensorflow/tfjs-layers' once (plain tfjs-core has none).
 *
 * @example
 * ```ts
 * const result = await trainTwoTower({
 *   model, loss: presets.softmaxCrossEntropy({ numItems: 12101 }),
 *   batches: trainingSampler(data, split.train, { seed: 1, maxHistory: 20 }),
 *   negatives: uniformSampler({ numItems: 12101, seed: 2 }),
 *   steps: 3000, evaluate: async (m) => (await evaluateModel(m, valid, { ns: [100] })).recall[100],
 * });
 * ```
 */
export async function trainTwoTower(options: TrainOptions): Promise<TrainResult> {
  const fn = 'trainTwoTower';
  const {
    model, loss, batches, negatives, steps, batchSize = 256, numNegatives = 2560, learningRate = 0.02,
    maskAccidentalHits = true, evaluate, evalEvery = 500, patience = Infinity, logEvery = 50,
    onLog, onEval, onCheckpoint, checkpointEvery = 1000, resume,
  } = options;
  for (const [name, value] of Object.entries({ steps, batchSize, numNegatives, evalEvery, logEvery, checkpointEvery })) {
    if (!Number.isInteger(value) || value < (name === 'steps' ? 0 : 1)) throw argumentError(fn, name, name === 'steps' ? 'an integer >= 0' : 'an integer >= 1', value);
  }
  if (!loss || typeof loss.fromScores !== 'function') throw argumentError(fn, 'loss', 'a loss with fromScores (any @croloss/loss loss or preset)', loss);
  if (!options.optimizer && (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0)) {
    throw argumentError(fn, 'learningRate', 'a finite number > 0', learningRate);
  }
  if (patience !== Infinity && (!Number.isInteger(patience) || patience < 1)) throw argumentError(fn, 'patience', 'an integer >= 1 or Infinity', patience);
  if (tf.getGradient('Sum') === undefined) {
    throw new Error(`${fn}: no gradients are registered; import '@tensorflow/tfjs' or '@tensorflow/tfjs-layers' once before training`);
  }
  const { sparseUpdates = false } = options;
  if (typeof sparseUpdates !== 'boolean') throw argumentError(fn, 'sparseUpdates', 'true or false', sparseUpdates);
  if (sparseUpdates && options.optimizer && !(options.optimizer instanceof LazyAdamOptimizer)) {
    throw argumentError(fn, 'optimizer', 'a LazyAdamOptimizer or none with sparseUpdates: true', options.optimizer.getClassName?.() ?? options.optimizer);
  }
  const optimizer: tf.Optimizer | LazyAdamOptimizer =
    options.optimizer ?? (sparseUpdates ? new LazyAdamOptimizer({ learningRate }) : new FusedAdamOptimizer(learningRate));
  const lazy = optimizer instanceof LazyAdamOptimizer ? optimizer : null;
  const maxHistory = model.config.maxHistory;
  let step = 0;
  let best = { step: -1, metric: -Infinity };
  if (resume) {
    try {
      await applyState(model, optimizer, resume);
    } catch (error) {
      if (!options.optimizer) optimizer.dispose(); // Adam holds two variables from its construction on
      throw error;
    }
    step = resume.step;
    if (resume.batches !== undefined) batches.setState?.(resume.batches as never);
    if (resume.negatives !== undefined) negatives.setState?.(resume.negatives as never);
    if (resume.best) best = { ...resume.best };
  }
  let bestWeights: tf.Tensor[] | null = null;
  let evalsWithoutGain = resume?.evalsWithoutGain ?? 0;
  if (resume?.bestWeights) bestWeights = resume.bestWeights.map((w) => tf.tensor(w.data, w.shape, 'float32'));
  else if (resume?.best && resume.best.step === resume.step) bestWeights = model.snapshot();
  const evaluations: TrainResult['evaluations'] = [];
  const losses: TrainResult['losses'] = [];
  const pending: Array<{ step: number; cost: tf.Scalar }> = [];
  let stoppedEarly = false;
  const started = performance.now();
  let windowStart = performance.now();
  let windowSteps = 0;

  const flushLosses = async () => {
    if (pending.length === 0) return;
    const stacked = tf.stack(pending.map((p) => p.cost));
    const values = await stacked.data();
    stacked.dispose();
    const readSteps = pending.map((p) => p.step);
    tf.dispose(pending.map((p) => p.cost));
    pending.length = 0;
    // The values are read back here anyway: a NaN or infinite loss stops training instead of training on silently.
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new Error(
        `${fn}: the loss at step ${readSteps[bad]} is ${values[bad]}; training diverged or the loss produced it from its scores ` +
          '(lower the learning rate, check the scores and the loss options)',
      );
    }
    readSteps.forEach((at, i) => losses.push({ step: at, loss: values[i] }));
    const seconds = (performance.now() - windowStart) / 1000;
    onLog?.({ step, loss: values[values.length - 1], stepsPerSecond: windowSteps / Math.max(seconds, 1e-9) });
    windowStart = performance.now();
    windowSteps = 0;
  };

  const runEvaluation = async () => {
    if (!evaluate) return;
    const metric = await evaluate(model);
    if (!Number.isFinite(metric)) throw new Error(`${fn}: evaluate returned ${metric} at step ${step}; training diverged or the metric is broken`);
    const improved = metric > best.metric;
    evaluations.push({ step, metric });
    if (improved) {
      best = { step, metric };
      tf.dispose(bestWeights ?? []);
      bestWeights = model.snapshot();
      evalsWithoutGain = 0;
    } else {
      evalsWithoutGain += 1;
    }
    onEval?.({ step, metric, best: improved });
  };

  try {
    while (step < steps) {
      const batch = batches.next(batchSize);
      if (batch.targets.length !== batchSize || batch.histories.length !== batchSize * maxHistory) {
        throw new Error(`${fn}: the batch source returned ${batch.targets.length} targets and ${batch.histories.length} history ids, expected ${batchSize} and ${batchSize * maxHistory} (batchSize x model maxHistory)`);
      }
      const sample = negatives.sample(batch.targets, numNegatives);
      if (sample.ids.length !== numNegatives || (maskAccidentalHits && sample.mask.length !== batchSize * numNegatives)) {
        throw new Error(`${fn}: the negative source returned ${sample.ids.length} ids and a mask of ${sample.mask?.length}, expected ${numNegatives} and ${batchSize * numNegatives} (numNegatives, batchSize x numNegatives)`);
      }
      const cost = lazy
        ? lazyStep(lazy, model, loss, batch, sample, batchSize, numNegatives, maskAccidentalHits)
        : tf.tidy(() => {
            const histories = tf.tensor2d(batch.histories, [batchSize, maxHistory], 'int32');
            const targets = tf.tensor1d(batch.targets, 'int32');
            const negIds = tf.tensor1d(sample.ids, 'int32');
            const mask = maskAccidentalHits ? tf.tensor2d(sample.mask, [batchSize, numNegatives]) : undefined;
            return (optimizer as tf.Optimizer).minimize(() => {
              const u = model.userVectors(histories);
              const positive = tf.mul(tf.sum(tf.mul(u, model.itemVectors(targets)), 1), model.config.tau);
              const negativeScores = model.score(u, negIds);
              return tf.mean(loss.fromScores(positive, negativeScores, mask)) as tf.Scalar;
            }, true, model.variables) as tf.Scalar;
          });
      step += 1;
      windowSteps += 1;
      pending.push({ step, cost });
      if (step % logEvery === 0 || step === steps) await flushLosses();
      if (evaluate && (step % evalEvery === 0 || step === steps)) {
        await flushLosses();
        await runEvaluation();
        if (evalsWithoutGain >= patience) {
          stoppedEarly = true;
          break;
        }
      }
      if (onCheckpoint && step % checkpointEvery === 0) {
        await flushLosses();
        const state = await captureState(model, optimizer, step);
        const keepBest = bestWeights !== null && best.step !== step;
        const savedBest = keepBest ? await Promise.all(bestWeights!.map(async (t, i) => ({ name: state.weights[i].name, shape: t.shape, data: Float32Array.from(await t.data()) }))) : undefined;
        await onCheckpoint({ ...state, batches: batches.getState?.(), negatives: negatives.getState?.(), best, bestWeights: savedBest, evalsWithoutGain });
      }
    }
    await flushLosses();
    if (bestWeights) model.restore(bestWeights);
  } finally {
    tf.dispose(pending.map((p) => p.cost));
    tf.dispose(bestWeights ?? []);
    if (!options.optimizer) optimizer.dispose();
  }
  return { steps: step, bestStep: best.step, bestMetric: best.metric, evaluations, losses, seconds: (performance.now() - started) / 1000, stoppedEarly };
}

/**
 * One lazy-Adam step: the same loss as the dense step, computed on the rows of the item table the step touches
 * (ids relabelled to positions in rowIds, padding kept at 0), so the gradient is [U, d], not [numItems + 1, d].
 */
function lazyStep(
  optimizer: LazyAdamOptimizer, model: TwoTowerModel, loss: ScoresLoss, batch: TrainingBatch,
  sample: { ids: Int32Array; mask: Float32Array }, batchSize: number, numNegatives: number, maskAccidentalHits: boolean,
): tf.Scalar {
  const { rowIds, remapped: [historyRows, targetRows, negativeRows] } = remapRowIds([batch.histories, batch.targets, sample.ids]);
  const { maxHistory, tau } = model.config;
  return tf.tidy(() => {
    const histories = tf.tensor2d(historyRows, [batchSize, maxHistory], 'int32');
    const targets = tf.tensor1d(targetRows, 'int32');
    const negIds = tf.tensor1d(negativeRows, 'int32');
    const mask = maskAccidentalHits ? tf.tensor2d(sample.mask, [batchSize, numNegatives]) : undefined;
    const [table, ...dense] = model.variables;
    return optimizer.minimize((rows) => {
      const u = model.userVectors(histories, rows);
      const positive = tf.mul(tf.sum(tf.mul(u, model.itemVectors(targets, rows)), 1), tau);
      const negativeScores = model.score(u, negIds, rows);
      return tf.mean(loss.fromScores(positive, negativeScores, mask)) as tf.Scalar;
    }, { table, rowIds, dense });
  });
}
