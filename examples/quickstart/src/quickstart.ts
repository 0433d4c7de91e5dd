/** Trains the existing model once per loss (same initialisation, same batches) with `model.trainOnBatch` and reports full-corpus... */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { evaluationSet, splitUsers, trainingSampler, type SequenceDataset } from '@croloss/data';
import { softplus } from '@croloss/kernels';
import { croLossFunction, presets } from '@croloss/loss';
import { metricsFromRankings } from '@croloss/metrics';
import { buildExistingModel } from './existing-model';

/** The three losses of the quickstart: each is one line in `model.compile`. */
export const QUICKSTART_LOSSES = {
  'tf.losses.softmaxCrossEntropy': () => tf.losses.softmaxCrossEntropy,
  'presets.softmaxCrossEntropy()': () => presets.softmaxCrossEntropy(),
  'croLossFunction({ kernel: softplus(), alpha: 1.2 })': () => croLossFunction({ kernel: softplus(), alpha: 1.2 }),
} as const;

/** Bag-of-items rows [B, numItems + 1]: each history's items with weight 1 / length. */
function bagOfItems(histories: Int32Array, rows: number, width: number, numItems: number): tf.Tensor2D {
  const values = new Float32Array(rows * (numItems + 1));
  for (let r = 0; r < rows; r++) {
    let count = 0;
    for (let j = 0; j < width; j++) if (histories[r * width + j] !== 0) count += 1;
    for (let j = 0; j < width; j++) {
      const id = histories[r * width + j];
      if (id !== 0) values[r * (numItems + 1) + id] += 1 / count;
    }
  }
  return tf.tensor2d(values, [rows, numItems + 1]);
}

/** Options of {@link runQuickstart}. */
export interface QuickstartOptions {
  steps: number;
  batchSize: number;
  ns: number[];
  seed: number;
  /** Evaluate on at most this many test users (all by default). */
  maxTestUsers?: number;
  log?: (line: string) => void;
}

/**
 * Trains the existing model once per loss (same initialisation, same batches) with `model.trainOnBatch` and reports
 * full-corpus test Recall@N (item 0 excluded) for each.
 */
export async function runQuickstart(dataset: SequenceDataset, options: QuickstartOptions): Promise<Array<{ loss: string; recall: Record<number, number>; seconds: number }>> {
  const { steps, batchSize, ns, seed, log = () => {} } = options;
  const maxHistory = 20;
  const split = splitUsers(dataset, { seed });
  const testUsers = options.maxTestUsers ? split.test.subarray(0, options.maxTestUsers) : split.test;
  const test = evaluationSet(dataset, testUsers, { maxHistory });
  const results = [];
  for (const [name, makeLoss] of Object.entries(QUICKSTART_LOSSES)) {
    const started = performance.now();
    const model = buildExistingModel(dataset.numItems, 64, seed);
    const optimizer = tf.train.adam(0.005);
    model.compile({ optimizer, loss: makeLoss() as never }); // <- the one line that changes
    const sampler = trainingSampler(dataset, split.train, { seed: seed + 1, maxHistory });
    let lastLoss = NaN;
    for (let step = 1; step <= steps; step++) {
      const batch = sampler.next(batchSize);
      const x = bagOfItems(batch.histories, batchSize, maxHistory, dataset.numItems);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(batch.targets, 'int32'), dataset.numItems + 1));
      lastLoss = (await model.trainOnBatch(x, y)) as number;
      tf.dispose([x, y]);
    }
    const recall = await testRecall(model, test, dataset.numItems, maxHistory, ns);
    const seconds = (performance.now() - started) / 1000;
    log(`${name}: final batch loss ${lastLoss.toFixed(4)}, ${steps} steps in ${seconds.toFixed(1)} s`);
    results.push({ loss: name, recall, seconds });
    model.dispose();
    optimizer.dispose();
  }
  return results;
}

async function testRecall(model: tfl.LayersModel, test: { histories: Int32Array; targets: Int32Array[] }, numItems: number, width: number, ns: number[]) {
  const k = Math.max(...ns);
  const users = test.targets.length;
  const indices = new Int32Array(users * k);
  for (let start = 0; start < users; start += 256) {
    const rows = Math.min(256, users - start);
    const top = tf.tidy(() => {
      const x = bagOfItems(test.histories.subarray(start * width, (start + rows) * width), rows, width, numItems);
      const logits = model.predict(x) as tf.Tensor2D;
      const padding = tf.concat([tf.fill([rows, 1], -Infinity), tf.zeros([rows, numItems])], 1);
      return tf.topk(tf.add(logits, padding), k).indices;
    });
    indices.set(await top.data(), start * k);
    top.dispose();
  }
  return metricsFromRankings(indices, k, test.targets, ns).recall;
}
