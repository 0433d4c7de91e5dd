/** Tests of inBatchSampler. */
import { describe, expect, it } from 'vitest';
import { inBatchSampler } from './index';

describe('inBatchSampler', () => {
  it('uses the positives as negatives and masks the diagonal and duplicates of each row positive', () => {
    const positives = [4, 7, 4, 9, 7, 4];
    const sample = inBatchSampler().sample(positives);
    const B = positives.length;
    expect(Array.from(sample.ids)).toEqual(positives);
    expect(sample.numNegatives).toBe(B);
    expect(sample.batchSize).toBe(B);
    for (let b = 0; b < B; b++) {
      expect(sample.mask[b * B + b], `diagonal ${b}`).toBe(0);
      for (let j = 0; j < B; j++) expect(sample.mask[b * B + j]).toBe(positives[j] === positives[b] ? 0 : 1);
    }
    // in-batch frequency count / B
    expect(Array.from(sample.probabilities)).toEqual([3, 2, 3, 1, 2, 3].map((c) => Math.fround(c / B)));
  });

  it('accepts numNegatives equal to B and has a stateless state', () => {
    const sampler = inBatchSampler({ numItems: 10 });
    expect(sampler.sample([1, 2, 3], 3).mask).toEqual(Float32Array.from([0, 1, 1, 1, 0, 1, 1, 1, 0]));
    const state = sampler.getState();
    expect(state).toEqual({ kind: 'in-batch', support: 'ids 1..10', rng: [] });
    sampler.setState(JSON.parse(JSON.stringify(state)));
  });
});
