import { describe, expect, it } from 'vitest';
import { itemCounts, loadDefaultDataset, mostPopularItems, sequenceDatasetFromArrays, splitUsers } from './index';


describe('itemCounts and mostPopularItems', () => {
  it('counts every occurrence per item id, optionally over some users only', () => {
    const data = sequenceDatasetFromArrays('toy', [[1, 2, 2], [2, 3], [4]], { numItems: 5 });
    expect(Array.from(itemCounts(data))).toEqual([0, 1, 3, 1, 1, 0]);
    expect(Array.from(itemCounts(data, [1, 2]))).toEqual([0, 0, 1, 1, 1, 0]);
  });

  it('ranks by count, ties by smaller id, never returns the padding id, and stops at the item count', () => {
    expect(Array.from(mostPopularItems(Float64Array.of(99, 1, 3, 1, 5), 3))).toEqual([4, 2, 1]);
    expect(Array.from(mostPopularItems(Float64Array.of(0, 2, 2), 10))).toEqual([1, 2]);
  });

  it('on Beauty training users: counts sum to their interactions and agree with a brute-force count', async () => {
    const beauty = await loadDefaultDataset();
    const { train } = splitUsers(beauty, { seed: 1 });
    const counts = itemCounts(beauty, train);
    const brute = new Map<number, number>();
    let total = 0;
    for (const u of train) {
      for (let p = beauty.offsets[u]; p < beauty.offsets[u + 1]; p++) {
        brute.set(beauty.items[p], (brute.get(beauty.items[p]) ?? 0) + 1);
        total += 1;
      }
    }
    expect(counts.reduce((s, c) => s + c, 0)).toBe(total);
    const top = mostPopularItems(counts, 100);
    const expected = [...brute.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 100).map(([item]) => item);
    expect(Array.from(top)).toEqual(expected);
    expect(counts[top[0]]).toBe(brute.get(expected[0]));
  });

  it('rejects k = 0', () => {
    expect(() => mostPopularItems(Float64Array.of(0, 1), 0)).toThrow(/mostPopularItems: argument 'k' must be an integer >= 1, got 0/);
  });

  it('rejects an unknown user', () => {
    const data = sequenceDatasetFromArrays('toy', [[1]]);
    expect(() => itemCounts(data, [1])).toThrow(/itemCounts: argument 'users\[0\]' must be a user index in 0..0, got 1/);
  });
});
