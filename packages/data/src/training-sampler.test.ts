import { describe, expect, it } from 'vitest';
import { loadDefaultDataset, sequenceDatasetFromArrays, splitUsers, trainingSampler, userItems } from './index';


describe('trainingSampler', () => {
  it('on Beauty: every history is exactly the last <= 20 items before position k, the target item k, no leak', async () => {
    const beauty = await loadDefaultDataset();
    const { train, test } = splitUsers(beauty, { seed: 7 });
    const sampler = trainingSampler(beauty, train, { seed: 11, maxHistory: 20 });
    const trainSet = new Set(train);
    for (let step = 0; step < 20; step++) {
      const batch = sampler.next(256);
      for (let b = 0; b < 256; b++) {
        const user = batch.users[b];
        const k = batch.positions[b];
        const sequence = Array.from(userItems(beauty, user));
        expect(trainSet.has(user)).toBe(true);
        expect(k >= 1 && k < sequence.length).toBe(true);
        expect(batch.targets[b]).toBe(sequence[k]);
        const expected = sequence.slice(Math.max(0, k - 20), k);
        const row = Array.from(batch.histories.subarray(b * 20, b * 20 + 20));
        expect(batch.historyLengths[b]).toBe(expected.length);
        expect(row).toEqual([...expected, ...new Array(20 - expected.length).fill(0)]);
      }
    }
    expect(test.some((u) => trainSet.has(u))).toBe(false);
  });

  it('right alignment pads first so the newest item is in the last slot', () => {
    const data = sequenceDatasetFromArrays('toy', [[1, 2, 3, 4, 5, 6, 7]]);
    const batch = trainingSampler(data, [0], { seed: 1, maxHistory: 4, align: 'right' }).next(64);
    for (let b = 0; b < 64; b++) {
      const k = batch.positions[b];
      const expected = [1, 2, 3, 4, 5, 6, 7].slice(Math.max(0, k - 4), k);
      expect(Array.from(batch.histories.subarray(b * 4, b * 4 + 4))).toEqual([...new Array(4 - expected.length).fill(0), ...expected]);
    }
  });

  it('draws every position k in minPosition..n-1 and every user about uniformly', () => {
    const data = sequenceDatasetFromArrays('toy', [[1, 2, 3, 4, 5, 6], [7, 8, 9]]);
    const batch = trainingSampler(data, [0, 1], { seed: 4, minPosition: 2, maxHistory: 3 }).next(6000);
    const counts = new Map<string, number>();
    for (let b = 0; b < 6000; b++) counts.set(`${batch.users[b]}:${batch.positions[b]}`, (counts.get(`${batch.users[b]}:${batch.positions[b]}`) ?? 0) + 1);
    // user 0: positions 2..5 with probability 1/2 * 1/4; user 1: position 2 with probability 1/2.
    expect([...counts.keys()].sort()).toEqual(['0:2', '0:3', '0:4', '0:5', '1:2']);
    for (const p of [2, 3, 4, 5]) expect(Math.abs(counts.get(`0:${p}`)! - 750)).toBeLessThan(110);
    expect(Math.abs(counts.get('1:2')! - 3000)).toBeLessThan(200);
  });

  it('skips users with no position k >= minPosition', () => {
    const data = sequenceDatasetFromArrays('toy', [[1], [2, 3], [4, 5, 6]]);
    const sampler = trainingSampler(data, [0, 1, 2], { seed: 0, minPosition: 2 });
    expect(Array.from(sampler.users)).toEqual([2]);
    expect(sampler.skippedUsers).toBe(2);
  });

  it('is deterministic by seed and resumes exactly from getState()', () => {
    const data = sequenceDatasetFromArrays('toy', [[1, 2, 3, 4, 5], [6, 7, 8], [9, 10]]);
    const a = trainingSampler(data, [0, 1, 2], { seed: 9 });
    const b = trainingSampler(data, [0, 1, 2], { seed: 9 });
    expect(a.next(32)).toEqual(b.next(32));
    const state = a.getState();
    const expected = a.next(32);
    const resumed = trainingSampler(data, [0, 1, 2], { seed: 123 });
    resumed.setState(JSON.parse(JSON.stringify(state)));
    expect(resumed.next(32)).toEqual(expected);
  });

  it('rejects a batch size of 0', () => {
    const data = sequenceDatasetFromArrays('toy', [[1, 2]]);
    expect(() => trainingSampler(data, [0], { seed: 0 }).next(0)).toThrow(/trainingSampler.next: argument 'batchSize' must be an integer >= 1, got 0/);
  });

  it('rejects a user index out of range', () => {
    const data = sequenceDatasetFromArrays('toy', [[1, 2]]);
    expect(() => trainingSampler(data, [0, 3], { seed: 0 })).toThrow(/trainingSampler: argument 'trainUsers\[1\]' must be a user index in 0..0, got 3/);
  });

  it('rejects training users that are all too short', () => {
    const data = sequenceDatasetFromArrays('toy', [[1]]);
    expect(() => trainingSampler(data, [0], { seed: 0 })).toThrow(/trainingSampler: argument 'trainUsers' must be users with more than minPosition = 1 items/);
  });

  it('rejects maxHistory 0', () => {
    const data = sequenceDatasetFromArrays('toy', [[1, 2]]);
    expect(() => trainingSampler(data, [0], { seed: 0, maxHistory: 0 })).toThrow(/trainingSampler: argument 'options.maxHistory' must be an integer >= 1, got 0/);
  });

  it('rejects an invalid state', () => {
    const data = sequenceDatasetFromArrays('toy', [[1, 2]]);
    expect(() => trainingSampler(data, [0], { seed: 0 }).setState({ random: -1 })).toThrow(/trainingSampler.setState: argument 'state' must be an integer in \[0, 2\^32\), got -1/);
  });
});
