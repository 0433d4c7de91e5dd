/** Doctests: the @example blocks of @croloss/loss run, and the values their comments state are the values they give. */
import * as tf from '@tensorflow/tfjs-core';
import * as kernels from '@croloss/kernels';
import { exampleFiles, runExample } from '@croloss/testing';
import * as weighting from '@croloss/weighting';
import { describe, expect, it } from 'vitest';
import * as blocks from './blocks';
import * as loss from './index';

// Inputs the examples name without building them: a batch of 2 rows, 3 candidates (labels form) or 2 negatives.
const fixtures = () => ({
  yTrue: tf.oneHot([0, 2], 3),
  yPred: tf.tensor2d([[2, 1, 0], [0.5, 0, 1]]),
  pos: tf.tensor1d([0.9, 0.1]),
  neg: tf.tensor2d([[0.2, 0.4], [0.3, 0.5]]),
  positives: tf.tensor1d([0.9, 0.1]),
  negatives: tf.tensor2d([[0.2, 0.4], [0.3, 0.5]]),
});

describe('@croloss/loss doctests', () => {
  for (const { file, blocks: examples } of exampleFiles(new URL('./', import.meta.url))) {
    it(`${file}: ${examples.length} example(s)`, async () => {
      const before = tf.memory().numTensors;
      for (const block of examples) {
        const inputs = fixtures();
        const model = { compile: () => undefined }; // `model.compile({ loss })` examples: the loss is built, not trained
        try {
          await runExample(block, { tf, ...kernels, ...weighting, ...blocks, ...loss, ...inputs, model });
        } finally {
          tf.dispose(Object.values(inputs));
        }
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
