/** Doctests: every @example block of @croloss/kernels runs, and the values its comments state are the values it gives. */
import * as tf from '@tensorflow/tfjs-core';
import { exampleFiles, runExample } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import * as kernels from './index';

describe('@croloss/kernels doctests', () => {
  for (const { file, blocks } of exampleFiles(new URL('./', import.meta.url))) {
    it(`${file}: ${blocks.length} example(s)`, async () => {
      const before = tf.memory().numTensors;
      for (const block of blocks) await runExample(block, { tf, ...kernels });
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
