import { describe, expect, it } from 'vitest';
import { loadDefaultDataset, sequenceDatasetFromArrays, splitUsers } from './index';


describe('splitUsers', () => {
  it('splits the Beauty users 8:1:1: valid and test floor(0.1 E), train the rest, disjoint, covering everyone', async () => {
    const beauty = await loadDefaultDataset();
    const split = splitUsers(beauty, { seed: 2022 });
    expect([split.train.length, split.valid.length, split.test.length, split.dropped]).toEqual([17891, 2236, 2236, 0]);
    const all = [...split.train, ...split.valid, ...split.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 22363 }, (_, u) => u));
    for (const part of [split.train, split.valid, split.test]) {
      for (let i = 1; i < part.length; i++) expect(part[i]).toBeGreaterThan(part[i - 1]);
    }
  });

  it('is deterministic by seed and changes with the seed', () => {
    const a = splitUsers(1000, { seed: 5 });
    const b = splitUsers(1000, { seed: 5 });
    const c = splitUsers(1000, { seed: 6 });
    expect(a).toEqual(b);
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });

  it('the shuffle spreads users: the test split of 0..9999 is not a block', () => {
    const { test } = splitUsers(10000, { seed: 1 });
    expect(test.length).toBe(1000);
    expect(test[test.length - 1] - test[0]).toBeGreaterThan(9000);
    const firstHalf = test.filter((u) => u < 5000).length;
    expect(Math.abs(firstHalf - 500)).toBeLessThan(100);
  });

  it('drops users with fewer than 2 items and counts them', () => {
    const data = sequenceDatasetFromArrays('toy', [[1, 2], [3], [], [1, 2, 3], [4, 5]]);
    const split = splitUsers(data, { seed: 3, fractions: [0.2, 0.4, 0.4] });
    expect(split.dropped).toBe(2);
    expect([...split.train, ...split.valid, ...split.test].sort()).toEqual([0, 3, 4]);
    // E = 3: valid = floor(1.2) = 1, test = floor(1.2) = 1, train = the remaining 1.
    expect([split.train.length, split.valid.length, split.test.length]).toEqual([1, 1, 1]);
    expect(splitUsers(data, { seed: 3, minItems: 0 }).dropped).toBe(0);
  });

  it('uses custom fractions: 10 users at [0.5, 0.3, 0.2] give 5, 3, 2', () => {
    const split = splitUsers(10, { seed: 0, fractions: [0.5, 0.3, 0.2] });
    expect([split.train.length, split.valid.length, split.test.length]).toEqual([5, 3, 2]);
  });

  it('rejects fractions that do not sum to 1', () => {
    expect(() => splitUsers(10, { seed: 0, fractions: [0.8, 0.1, 0.2] })).toThrow(/splitUsers: argument 'options.fractions' must be 3 numbers >= 0 summing to 1, got \[0.8, 0.1, 0.2\]/);
  });

  it('rejects a non-integer seed', () => {
    expect(() => splitUsers(10, { seed: 0.5 })).toThrow(/splitUsers: argument 'options.seed' must be an integer, got 0.5/);
  });

  it('rejects a negative user count', () => {
    expect(() => splitUsers(-1, { seed: 0 })).toThrow(/splitUsers: argument 'numUsers' must be an integer >= 0, got -1/);
  });
});
