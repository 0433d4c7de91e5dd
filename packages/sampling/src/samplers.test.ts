/** Tests of the samplers: draws, distributions and accidental-hit masks. */
import { mulberry32 } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import {
  accidentalHitMask,
  inBatchSampler,
  logUniformSampler,
  popularitySampler,
  uniformSampler,
  type DistributionSampler,
} from './index';

const counts = [0, 5, 0, 1, 12, 3, 0, 7, 2, 9, 4]; // ids 2 and 6 have count 0; id 0 is padding
const makers: Record<string, (seed: number) => DistributionSampler> = {
  uniform: (seed) => uniformSampler({ numItems: 300, seed }),
  'log-uniform': (seed) => logUniformSampler({ numItems: 300, seed }),
  popularity: (seed) => popularitySampler({ counts, seed, power: 0.75 }),
};

/** Brute-force mask: compare every (row, column) pair. */
function bruteForceMask(ids: ArrayLike<number>, positives: ArrayLike<number>): Float32Array {
  const mask = new Float32Array(positives.length * ids.length);
  for (let b = 0; b < positives.length; b++) for (let j = 0; j < ids.length; j++) mask[b * ids.length + j] = ids[j] === positives[b] ? 0 : 1;
  return mask;
}

describe.each(Object.entries(makers))('%s sampler: reproducibility and result layout', (kind, make) => {
  it('same seed gives the same ids, different seeds differ', () => {
    const positives = [1, 3, 4, 5];
    const a = make(11).sample(positives, 40).ids;
    expect(Array.from(make(11).sample(positives, 40).ids)).toEqual(Array.from(a));
    expect(Array.from(make(12).sample(positives, 40).ids)).not.toEqual(Array.from(a));
  });

  it('getState / setState (through JSON) resume the identical stream on a fresh sampler', () => {
    const sampler = make(21);
    sampler.sample([1, 3], 17);
    sampler.draw(5);
    const state = JSON.parse(JSON.stringify(sampler.getState()));
    const expected = [sampler.sample([4, 1], 30).ids, sampler.draw(9), sampler.sample([5], 3).ids].map((x) => Array.from(x));
    const resumed = make(999);
    resumed.setState(state);
    const got = [resumed.sample([4, 1], 30).ids, resumed.draw(9), resumed.sample([5], 3).ids].map((x) => Array.from(x));
    expect(got).toEqual(expected);
    expect(state.kind).toBe(kind);
  });

  it('the ids drawn do not depend on the positives', () => {
    expect(Array.from(make(31).sample([1], 25).ids)).toEqual(Array.from(make(31).sample([4, 5, 7, 1, 1], 25).ids));
  });

  it('returns B, M, q of each id and an exact accidental-hit mask', () => {
    const sampler = make(41);
    const positives = [1, 4, 4, 3, 9, 1, 7];
    const sample = sampler.sample(positives, 64);
    expect(sample.batchSize).toBe(7);
    expect(sample.numNegatives).toBe(64);
    expect(sample.ids.length).toBe(64);
    expect(Array.from(sample.probabilities)).toEqual(Array.from(sample.ids, (id) => Math.fround(sampler.probability(id))));
    expect(Array.from(sample.mask)).toEqual(Array.from(bruteForceMask(sample.ids, positives)));
  });

  it('q sums to 1 over the support', () => {
    const sampler = make(1);
    let total = 0;
    for (let id = sampler.low; id <= sampler.high; id++) total += sampler.probability(id);
    expect(total).toBeCloseTo(1, 12);
    expect(sampler.probability(0)).toBe(0);
    expect(sampler.probability(sampler.high + 1)).toBe(0);
  });
});

describe('accidental-hit masks', () => {
  it('mark exactly the collisions on a tiny catalogue where hits are frequent', () => {
    const sampler = uniformSampler({ numItems: 6, seed: 8 });
    const rand = mulberry32(9);
    let zeros = 0;
    for (let step = 0; step < 20; step++) {
      const positives = Array.from({ length: 9 }, () => 1 + Math.floor(rand() * 6));
      const sample = sampler.sample(positives, 13);
      expect(Array.from(sample.mask)).toEqual(Array.from(bruteForceMask(sample.ids, positives)));
      zeros += sample.mask.filter((v) => v === 0).length;
    }
    expect(zeros).toBeGreaterThan(200); // about 1/6 of 20 * 9 * 13 entries
  });

  it('accidentalHitMask on a hand example', () => {
    expect(Array.from(accidentalHitMask(Int32Array.from([4, 9, 4]), [4, 7]))).toEqual([0, 1, 0, 1, 1, 1]);
  });
});

describe('setState refuses foreign states', () => {
  it('from another kind', () => {
    const state = uniformSampler({ numItems: 300, seed: 1 }).getState();
    expect(() => logUniformSampler({ numItems: 300, seed: 1 }).setState(state)).toThrow(
      "logUniformSampler.setState: argument 'state.kind' must be \"log-uniform\", got \"uniform\"",
    );
  });
  it('from another item range', () => {
    const state = uniformSampler({ numItems: 300, seed: 1 }).getState();
    expect(() => uniformSampler({ numItems: 301, seed: 1 }).setState(state)).toThrow(
      "uniformSampler.setState: argument 'state.support' must be \"ids 1..301\" (a state of a sampler built the same way), got \"ids 1..300\"",
    );
  });
  it('from other counts', () => {
    const state = popularitySampler({ counts, seed: 1 }).getState();
    expect(() => popularitySampler({ counts: [...counts, 1], seed: 1 }).setState(state)).toThrow("argument 'state.support' must be");
  });
  it('with a broken rng', () => {
    const state = { ...uniformSampler({ numItems: 300, seed: 1 }).getState(), rng: [1, 2] };
    expect(() => uniformSampler({ numItems: 300, seed: 1 }).setState(state as never)).toThrow(
      "uniformSampler.setState: argument 'state.rng' must be four integers in [0, 2^32), not all zero, got [1, 2]",
    );
  });
  it('that is not an object', () => {
    expect(() => inBatchSampler().setState(null as never)).toThrow("inBatchSampler.setState: argument 'state' must be an object from getState(), got null");
  });
});
