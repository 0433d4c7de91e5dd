// trainTowers: the training loop over any tfjs-layers query and candidate towers (options, step, early stopping and state live beside it).
import * as tf from '@tensorflow/tfjs-core';
import { EarlyStopping } from './early-stopping';
import { towerVariables } from './tower';
import { resolveTowersOptions, type TowerBatch, type TowerBatchDataset, type TowerBatchSource, type TrainTowersOptions, type TrainTowersResult } from './towers-train-options';
import { towersStep } from './towers-train-step';
import { applyTowersState, captureTowersState, saveTensors } from './towers-state';

/**
 * Trains a query and a candidate tower (tfjs-layers models; their trainable weights, shared ones once) for retrieval
 * with a {@link RetrievalTask}: per step, a batch of (query, positive) pairs, optional shared sampled negatives
 * embedded through the candidate tower, the task's mean loss, one Adam step. Losses are read back every `logEvery`
 * steps (a NaN or infinite value throws); with `evaluate`, training stops after `patience` evaluations without gain
 * and the best weights are restored; `onCheckpoint` / `resume` continue exactly (weights, Adam slots, step, streams).
 *
 * @example
 * ```ts
 * const task = retrievalTask({ loss: weightedCroLoss({ kernel: softplus(), numItems }), tau: 10 });
 * const result = await trainTowers({
 *   queryModel, candidateModel, task, steps: 2000,
 *   batches: arrayBatches({ query: [histories], candidate: [targets], candidateIds: targetIds, seed: 1 }),
 *   negatives: { sampler: popularitySampler({ counts, seed: 2 }), count: 1024, features: (ids) => tf.tensor2d(ids, [ids.length, 1], 'int32') },
 *   evaluate: async () => (await evaluateTowers({ queryModel, candidateModel, ...valid, ns: [100] })).recall[100], patience: 3,
 * });
 * ```
 */
export async function trainTowers(options: TrainTowersOptions): Promise<TrainTowersResult> {
  const fn = 'trainTowers';
  const o = resolveTowersOptions(options);
  const variables = [...new Set([...towerVariables(o.queryModel), ...towerVariables(o.candidateModel)])];
  const optimizer = o.optimizer ?? tf.train.adam(o.learningRate);
  const early = new EarlyStopping(variables, o.patience);
  const next = batchReader(o.batches, o.batchSize);
  let step = 0;
  const pending: Array<{ step: number; cost: tf.Scalar }> = [];
  const evaluations: TrainTowersResult['evaluations'] = [];
  const losses: TrainTowersResult['losses'] = [];
  let stoppedEarly = false;
  const started = performance.now();
  let windowStart = started;
  let windowSteps = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const stacked = tf.stack(pending.map((p) => p.cost));
    const values = await stacked.data();
    stacked.dispose();
    const at = pending.map((p) => p.step);
    tf.dispose(pending.map((p) => p.cost));
    pending.length = 0;
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`${fn}: the loss at step ${at[bad]} is ${values[bad]}; training diverged (lower the learning rate, check the towers' outputs and the loss options)`);
    at.forEach((s, i) => losses.push({ step: s, loss: values[i] }));
    o.onLog?.({ step, loss: values[values.length - 1], stepsPerSecond: windowSteps / Math.max((performance.now() - windowStart) / 1000, 1e-9) });
    windowStart = performance.now();
    windowSteps = 0;
  };
  try {
    if (o.resume) {
      await applyTowersState(variables, optimizer, o.resume);
      step = o.resume.step;
      if (o.resume.batches !== undefined) (o.batches as TowerBatchSource).setState?.(o.resume.batches as never);
      if (o.resume.negatives !== undefined) o.negatives?.sampler.setState?.(o.resume.negatives as never);
      early.resume(o.resume);
    }
    while (step < o.steps) {
      const batch = await next();
      const cost = towersStep({ ...o, optimizer, variables }, batch);
      step += 1;
      windowSteps += 1;
      pending.push({ step, cost });
      if (step % o.logEvery === 0 || step === o.steps) await flush();
      if (o.evaluate && (step % o.evalEvery === 0 || step === o.steps)) {
        await flush();
        const metric = await o.evaluate();
        if (!Number.isFinite(metric)) throw new Error(`${fn}: evaluate returned ${metric} at step ${step}; training diverged or the metric is broken`);
        evaluations.push({ step, metric });
        const improved = early.record(step, metric); // not inside onEval?.(...): that would skip it without a callback
        o.onEval?.({ step, metric, best: improved });
        if (early.shouldStop) {
          stoppedEarly = true;
          break;
        }
      }
      if (o.onCheckpoint && step % o.checkpointEvery === 0) {
        await flush();
        const state = await captureTowersState(variables, optimizer, step);
        const best = early.weightsUnlessAt(step);
        await o.onCheckpoint({
          ...state,
          batches: (o.batches as TowerBatchSource).getState?.(),
          negatives: o.negatives?.sampler.getState?.(),
          best: early.best,
          bestWeights: best ? await saveTensors(best, variables.map((v) => v.name)) : undefined,
          evalsWithoutGain: early.evalsWithoutGain,
        });
      }
    }
    await flush();
    early.restoreBest();
  } finally {
    tf.dispose(pending.map((p) => p.cost));
    early.dispose();
    if (!o.optimizer) optimizer.dispose();
  }
  const best = early.best;
  return { steps: step, bestStep: best.step, bestMetric: best.metric, evaluations, losses, seconds: (performance.now() - started) / 1000, stoppedEarly };
}

/** Reads batches from a source (next(batchSize)) or a tf.data.Dataset (restarted when exhausted). */
function batchReader(batches: TowerBatchSource | TowerBatchDataset, batchSize: number): () => Promise<TowerBatch> {
  if (typeof (batches as TowerBatchSource).next === 'function') return async () => (batches as TowerBatchSource).next(batchSize);
  const dataset = batches as TowerBatchDataset;
  let iterator: { next(): Promise<IteratorResult<TowerBatch>> } | null = null;
  return async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      iterator ??= await dataset.iterator();
      const { value, done } = await iterator.next();
      if (!done) return value as TowerBatch;
      iterator = null;
    }
    throw new Error("trainTowers: argument 'batches' (a dataset) yielded no batch");
  };
}
