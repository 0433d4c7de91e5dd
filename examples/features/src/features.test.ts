// The features example on its committed data: categories loaded right, category weights get gradients, a short run reports Recall.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@croloss/backends';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureTowers } from './feature-towers';
import { categoriesOf, DATA_FILE, loadTaobaoFeatures } from './load-taobao-features';
import { DEFAULT_CONFIG, runFeatures } from './run-features';

const data = await loadTaobaoFeatures();

describe('examples/features', () => {
  // wasm, as the example runs: tfjs-backend-cpu's UnsortedSegmentSum (the embedding gradient) is O(segments x rows),
  // far too slow for a 52,063-item table; @croloss/backends registers an O(rows) one for wasm.
  let startBackend = 'cpu';
  beforeAll(async () => {
    startBackend = tf.getBackend();
    await selectBackend('wasm', { log: () => {} });
  });
  afterAll(async () => {
    await tf.setBackend(startBackend);
  });

  it('loads the committed Taobao head: 815 users, and every item has the category of its first row in the raw file', () => {
    expect(data.dataset.numUsers).toBe(815);
    const firstCategory = new Map<number, number>();
    for (const line of gunzipSync(readFileSync(DATA_FILE)).toString('utf8').split('\n')) {
      const f = line.split(',');
      if (f.length === 5 && !firstCategory.has(Number(f[1]))) firstCategory.set(Number(f[1]), Number(f[2]));
    }
    const { itemIds } = data.dataset;
    const denseOfSource = new Map<number, number>();
    for (let item = 1; item <= data.dataset.numItems; item++) {
      const source = firstCategory.get(itemIds![item])!;
      const dense = data.itemCategory[item];
      expect(dense).toBeGreaterThan(0);
      if (denseOfSource.has(source)) expect(dense).toBe(denseOfSource.get(source));
      else denseOfSource.set(source, dense);
    }
    expect(denseOfSource.size).toBe(data.numCategories);
    expect(Array.from(categoriesOf(Int32Array.from([0, 1]), data.itemCategory))).toEqual([0, data.itemCategory[1]]);
  });

  it('with categories, gradients reach the category embedding through both towers', () => {
    const { queryModel, candidateModel } = featureTowers({ numItems: data.dataset.numItems, numCategories: data.numCategories, withCategories: true, dim: 8, maxHistory: 5, seed: 3 });
    const histories = Int32Array.from([1, 2, 3, 0, 0, 4, 5, 0, 0, 0]);
    const targets = Int32Array.from([6, 7]);
    const vars = [...new Set([...queryModel.trainableWeights, ...candidateModel.trainableWeights].map((w) => w.read() as tf.Variable))];
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => {
      const q = queryModel.apply([tf.tensor2d(histories, [2, 5], 'int32'), tf.tensor2d(categoriesOf(histories, data.itemCategory), [2, 5], 'int32')]) as tf.Tensor2D;
      const c = candidateModel.apply([tf.tensor2d(targets, [2, 1], 'int32'), tf.tensor2d(categoriesOf(targets, data.itemCategory), [2, 1], 'int32')]) as tf.Tensor2D;
      return tf.sum(tf.mul(q, tf.reverse(c, 0)));
    }, vars);
    const category = vars.find((v) => v.name.includes('category_embedding'))!;
    expect(tf.tidy(() => tf.max(tf.abs(grads[category.name])).dataSync()[0])).toBeGreaterThan(0);
    for (const v of vars) expect(grads[v.name], v.name).toBeDefined();
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    queryModel.dispose();
    candidateModel.dispose();
  });

  it('a short CROLoss run with categories trains, early-stops on validation and reports test Recall@N in [0, 1]', async () => {
    const before = tf.memory().numTensors;
    const run = await runFeatures(data, 'croloss', true, { ...DEFAULT_CONFIG, steps: 4, evalEvery: 2, batchSize: 32, numNegatives: 64 });
    expect(tf.memory().numTensors).toBe(before);
    expect(run.steps).toBe(4);
    expect([2, 4]).toContain(run.bestStep);
    for (const n of DEFAULT_CONFIG.ns) {
      expect(run.recall[n]).toBeGreaterThanOrEqual(0);
      expect(run.recall[n]).toBeLessThanOrEqual(1);
    }
    expect(run.recall[100]).toBeGreaterThanOrEqual(run.recall[20]);
  });
});
