/** Tests of quickstart. */
import * as tf from '@tensorflow/tfjs-core';
import { sequenceDatasetFromArrays } from '@croloss/data';
import { mulberry32 } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { runQuickstart } from './quickstart';

describe('quickstart', () => {
  it('trains the existing model with each loss and reports Recall@N above the chance level, without leaks', async () => {
    // 400 users whose sequences stay inside one of 8 item clusters of 25 items: a learnable signal, fast on cpu
    const rand = mulberry32(5);
    const sequences = Array.from({ length: 400 }, () => {
      const cluster = Math.floor(rand() * 8);
      return Array.from({ length: 6 + Math.floor(rand() * 10) }, () => 1 + cluster * 25 + Math.floor(rand() * 25));
    });
    const dataset = sequenceDatasetFromArrays('clusters', sequences, { numItems: 200 });
    const before = tf.memory().numTensors;
    const results = await runQuickstart(dataset, { steps: 60, batchSize: 32, ns: [25], seed: 3 });
    expect(results.map((r) => r.loss)).toEqual(['tf.losses.softmaxCrossEntropy', 'presets.softmaxCrossEntropy()', 'croLossFunction({ kernel: softplus(), alpha: 1.2 })']);
    // chance Recall@25 over 200 items is 12.5%; a model that learned the clusters gets most targets
    for (const r of results) expect(r.recall[25]).toBeGreaterThan(0.3);
    expect(results[1].recall[25]).toBeCloseTo(results[0].recall[25], 2); // the preset trains exactly like tf.losses
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
