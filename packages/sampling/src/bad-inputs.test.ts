/** Tests: the sampler constructors reject bad arguments. */
import { describe, expect, it } from 'vitest';
import { inBatchSampler, logUniformSampler, popularitySampler, uniformSampler } from './index';

type Case = [string, () => unknown, string];

const constructorCases: Case[] = [
  ['uniform: options missing', () => uniformSampler(undefined as never), "uniformSampler: argument 'options' must be an object { numItems, seed, low? }, got undefined"],
  ['uniform: numItems 0', () => uniformSampler({ numItems: 0, seed: 1 }), "uniformSampler: argument 'numItems' must be an integer in [1, 2147483647], got 0"],
  ['uniform: numItems 2.5', () => uniformSampler({ numItems: 2.5, seed: 1 }), "uniformSampler: argument 'numItems' must be an integer in [1, 2147483647], got 2.5"],
  ['uniform: numItems a string', () => uniformSampler({ numItems: '10' as never, seed: 1 }), "uniformSampler: argument 'numItems' must be an integer in [1, 2147483647], got \"10\""],
  ['uniform: ids past int32', () => uniformSampler({ numItems: 2147483647, seed: 1, low: 5 }), "uniformSampler: argument 'numItems' must be an integer in [1, 2147483643], got 2147483647"],
  ['uniform: seed NaN', () => uniformSampler({ numItems: 10, seed: NaN }), "uniformSampler: argument 'seed' must be a finite number, got NaN"],
  ['uniform: seed Infinity', () => uniformSampler({ numItems: 10, seed: Infinity }), "uniformSampler: argument 'seed' must be a finite number, got Infinity"],
  ['uniform: seed missing', () => uniformSampler({ numItems: 10 } as never), "uniformSampler: argument 'seed' must be a finite number, got undefined"],
  ['uniform: low -1', () => uniformSampler({ numItems: 10, seed: 1, low: -1 }), "uniformSampler: argument 'low' must be an integer in [0, 2147483647], got -1"],
  ['log-uniform: numItems -3', () => logUniformSampler({ numItems: -3, seed: 1 }), "logUniformSampler: argument 'numItems' must be an integer in [1, 2147483647], got -3"],
  ['log-uniform: seed a string', () => logUniformSampler({ numItems: 3, seed: '1' as never }), "logUniformSampler: argument 'seed' must be a finite number, got \"1\""],
  ['popularity: counts missing', () => popularitySampler({ seed: 1 } as never), "popularitySampler: argument 'counts' must be an array of counts indexed by item id, got undefined"],
  ['popularity: a negative count', () => popularitySampler({ counts: [0, 3, -1], seed: 1 }), "popularitySampler: argument 'counts[2]' must be a finite number >= 0, got -1"],
  ['popularity: a NaN count', () => popularitySampler({ counts: [0, NaN, 1], seed: 1 }), "popularitySampler: argument 'counts[1]' must be a finite number >= 0, got NaN"],
  ['popularity: an infinite count', () => popularitySampler({ counts: [0, Infinity], seed: 1 }), "popularitySampler: argument 'counts[1]' must be a finite number >= 0, got Infinity"],
  ['popularity: all counts 0', () => popularitySampler({ counts: [5, 0, 0], seed: 1 }), "popularitySampler: argument 'counts' must be at least one count > 0 at ids >= 1, got \"all zero\""],
  ['popularity: counts no longer than low', () => popularitySampler({ counts: [4], seed: 1 }), "popularitySampler: argument 'counts' must be an array longer than low = 1 (counts[id] for ids low..), got \"length 1\""],
  ['popularity: power NaN', () => popularitySampler({ counts: [0, 1], seed: 1, power: NaN }), "popularitySampler: argument 'power' must be a finite number, got NaN"],
  ['popularity: power overflowing', () => popularitySampler({ counts: [0, 1e10, 1], seed: 1, power: 40 }), "popularitySampler: argument 'power' must be a value for which every counts[id]^power > 0 and their sum is finite, got 40"],
  ['popularity: seed NaN', () => popularitySampler({ counts: [0, 1], seed: NaN }), "popularitySampler: argument 'seed' must be a finite number, got NaN"],
  ['in-batch: numItems 0', () => inBatchSampler({ numItems: 0 }), "inBatchSampler: argument 'numItems' must be an integer in [1, 2147483647], got 0"],
  ['in-batch: low 0.5', () => inBatchSampler({ low: 0.5 }), "inBatchSampler: argument 'low' must be an integer in [0, 2147483647], got 0.5"],
];

const sampleCases: Case[] = [
  ['numNegatives 0', () => uniformSampler({ numItems: 10, seed: 1 }).sample([1], 0), "uniformSampler.sample: argument 'numNegatives' must be an integer in [1, 2147483647], got 0"],
  ['numNegatives 1.5', () => logUniformSampler({ numItems: 10, seed: 1 }).sample([1], 1.5), "logUniformSampler.sample: argument 'numNegatives' must be an integer in [1, 2147483647], got 1.5"],
  ['numNegatives missing', () => popularitySampler({ counts: [0, 1], seed: 1 }).sample([1], undefined as never), "popularitySampler.sample: argument 'numNegatives' must be an integer in [1, 2147483647], got undefined"],
  ['empty positives', () => uniformSampler({ numItems: 10, seed: 1 }).sample([], 5), "uniformSampler.sample: argument 'positives' must be a non-empty array of item ids (one per batch row), got []"],
  ['positives not an array', () => uniformSampler({ numItems: 10, seed: 1 }).sample(3 as never, 5), "uniformSampler.sample: argument 'positives' must be a non-empty array of item ids (one per batch row), got 3"],
  ['the padding id as a positive', () => uniformSampler({ numItems: 10, seed: 1 }).sample([3, 0], 5), "uniformSampler.sample: argument 'positives[1]' must be an integer item id in [1, 10], got 0"],
  ['a positive above numItems', () => logUniformSampler({ numItems: 10, seed: 1 }).sample([11], 5), "logUniformSampler.sample: argument 'positives[0]' must be an integer item id in [1, 10], got 11"],
  ['a fractional positive', () => uniformSampler({ numItems: 10, seed: 1 }).sample([2.5], 5), "uniformSampler.sample: argument 'positives[0]' must be an integer item id in [1, 10], got 2.5"],
  ['a positive beyond the counts', () => popularitySampler({ counts: [0, 1, 2], seed: 1 }).sample([3], 5), "popularitySampler.sample: argument 'positives[0]' must be an integer item id in [1, 2], got 3"],
  ['draw count 0', () => uniformSampler({ numItems: 10, seed: 1 }).draw(0), "uniformSampler.draw: argument 'count' must be an integer in [1, 2147483647], got 0"],
  ['in-batch: numNegatives other than B', () => inBatchSampler().sample([1, 2], 3), "inBatchSampler.sample: argument 'numNegatives' must be the batch size 2 (in-batch negatives are the positives) or undefined, got 3"],
  ['in-batch: a negative positive', () => inBatchSampler().sample([1, -2]), "inBatchSampler.sample: argument 'positives[1]' must be an integer item id in [1, 2147483647], got -2"],
  ['in-batch: a positive above numItems', () => inBatchSampler({ numItems: 5 }).sample([6]), "inBatchSampler.sample: argument 'positives[0]' must be an integer item id in [1, 5], got 6"],
];

describe('sampler constructors reject bad arguments', () => {
  it.each(constructorCases)('%s', (_, call, message) => {
    expect(call).toThrow(message);
  });
});

describe('sample() rejects bad arguments', () => {
  it.each(sampleCases)('%s', (_, call, message) => {
    expect(call).toThrow(message);
  });
});
