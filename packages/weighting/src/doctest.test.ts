/** Doctests: the @example blocks of @croloss/weighting run, and the values their comments state are the values they give. */
import * as tf from '@tensorflow/tfjs-core';
import { exampleFiles, runExample } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import * as weighting from './index';

describe('@croloss/weighting doctests', () => {
  for (const { file, blocks } of exampleFiles(new URL('./', import.meta.url))) {
    it(`${file}: ${blocks.length} example(s)`, async () => {
      const before = tf.memory().numTensors;
      for (const block of blocks) await runExample(block, { tf, ...weighting });
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
