/// <reference types="node" />
import { describe, expect, it } from 'vitest';
import { embeddedBeautyText } from '@croloss/testing/fixtures';
import { bruteForceMetrics } from './brute-force-reference.test-helpers';
import { metricsForFixedRanking, metricsFromRankings } from './index';

describe('metricsFromRankings', () => {
  it('computes hand-checked Recall, HitRate and NDCG', () => {
    // user 0: ranking [5, 2, 9], targets {2}      -> hit at rank 2
    // user 1: ranking [1, 7, 3], targets {4, 3}   -> hit at rank 3
    // user 2: ranking [4, 8, 6], targets {4, 8, 6, 0} (0 repeated) -> hits at ranks 1, 2, 3
    const m = metricsFromRankings(Int32Array.from([5, 2, 9, 1, 7, 3, 4, 8, 6]), 3, [[2], [4, 3], [4, 8, 6, 0, 0]], [1, 3]);
    const d = (r: number) => 1 / Math.log2(r + 1);
    expect(m.users).toBe(3);
    expect(m.skippedUsers).toBe(0);
    expect(m.recall[1]).toBeCloseTo((0 + 0 + 1 / 4) / 3, 15);
    expect(m.recall[3]).toBeCloseTo((1 + 1 / 2 + 3 / 4) / 3, 15);
    expect(m.hitRate[1]).toBeCloseTo(1 / 3, 15);
    expect(m.hitRate[3]).toBe(1);
    expect(m.ndcg[1]).toBeCloseTo((0 + 0 + 1) / 3, 15);
    const ndcg3 = [d(2) / d(1), d(3) / (d(1) + d(2)), (d(1) + d(2) + d(3)) / (d(1) + d(2) + d(3))];
    expect(m.ndcg[3]).toBeCloseTo((ndcg3[0] + ndcg3[1] + ndcg3[2]) / 3, 15);
  });

  it('skips users without targets, treats negative ids as empty slots and counts a repeated id once', () => {
    const m = metricsFromRankings([3, -1, 3, 4, 0, 1], 3, [[3, 4], []], [3, 2]);
    expect(m.users).toBe(1);
    expect(m.skippedUsers).toBe(1);
    expect(Object.keys(m.recall)).toEqual(['2', '3']); // N de-duplicated and sorted
    expect(m.recall[3]).toBe(0.5);
    expect(m.ndcg[3]).toBeCloseTo(1 / (1 + 1 / Math.log2(3)), 15);
  });

  it('rejects bad input, naming the argument', () => {
    expect(() => metricsFromRankings([1, 2], 0, [[1]], [1])).toThrow("metricsFromRankings: argument 'k' must be an integer >= 1, got 0");
  });
  it('rejects indices of the wrong length', () => {
    expect(() => metricsFromRankings([1, 2, 3], 2, [[1]], [1])).toThrow("argument 'indices' must be length targets.length * k = 2, got \"length 3\"");
  });
  it('rejects a fractional ranked id', () => {
    expect(() => metricsFromRankings([1, 2.5], 2, [[1]], [1])).toThrow("argument 'indices[1]' must be an integer item id (negative = empty slot), got 2.5");
  });
  it('rejects N above the ranking length', () => {
    expect(() => metricsFromRankings([1, 2], 2, [[1]], [3])).toThrow("argument 'ns[0]' must be an integer in [1, 2] (the ranking length k), got 3");
  });
  it('rejects a negative target id', () => {
    expect(() => metricsFromRankings([1, 2], 2, [[-4]], [1])).toThrow("argument 'targets[0][0]' must be a non-negative integer item id, got -4");
  });
  it('rejects targets that are not an array', () => {
    expect(() => metricsFromRankings([1, 2], 2, 7 as never, [1])).toThrow("argument 'targets' must be an array of per-user id lists, got 7");
  });
});

describe('metricsForFixedRanking', () => {
  it('computes hand-checked values and skips users without targets', () => {
    const m = metricsForFixedRanking([7, 3, 1, 4], [[3], [4, 9], []], [2, 4]);
    expect(m.users).toBe(2);
    expect(m.skippedUsers).toBe(1);
    expect(m.recall[2]).toBe(0.5);
    expect(m.recall[4]).toBe(0.75);
    expect(m.hitRate[4]).toBe(1);
    expect(m.ndcg[4]).toBeCloseTo((1 / Math.log2(3) + 1 / Math.log2(5) / (1 + 1 / Math.log2(3))) / 2, 15);
  });
  it('rejects N above the ranking length', () => {
    expect(() => metricsForFixedRanking([1, 2], [[1]], [3])).toThrow("metricsForFixedRanking: argument 'ns[0]' must be an integer in [1, 2] (the ranking length), got 3");
  });
  it('rejects a fractional id in the ranking', () => {
    expect(() => metricsForFixedRanking([1, 0.5], [[1]], [1])).toThrow("argument 'ranking[1]' must be a non-negative integer item id, got 0.5");
  });
  it('rejects a NaN target', () => {
    expect(() => metricsForFixedRanking([1, 2], [[NaN]], [1])).toThrow("argument 'targets[0][0]' must be a non-negative integer item id, got NaN");
  });

  it('most-popular baseline on Amazon Beauty equals the brute force and metricsFromRankings, near the reference', () => {
    // Beauty.txt: `user item item ...` in time order. Users with id % 10 === 0 are evaluated
    // (first 80% history, last 20% targets, ComiRec protocol); the others' sequences give the counts.
    const text = embeddedBeautyText();
    const counts = new Map<number, number>();
    const targets: number[][] = [];
    for (const line of text.trim().split('\n')) {
      const [user, ...items] = line.trim().split(' ').map(Number);
      if (user % 10 === 0) targets.push(items.slice(Math.floor(items.length * 0.8)));
      else for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
    }
    const ranking = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || a - b).slice(0, 500);
    const ns = [50, 100, 200, 500];
    const fixed = metricsForFixedRanking(ranking, targets, ns);
    expect(fixed.users).toBe(targets.length);
    const expected = bruteForceMetrics(targets.map(() => ranking), targets, ns);
    for (const n of ns) {
      expect(fixed.recall[n]).toBeCloseTo(expected.recall[n], 12);
      expect(fixed.hitRate[n]).toBeCloseTo(expected.hitRate[n], 12);
      expect(fixed.ndcg[n]).toBeCloseTo(expected.ndcg[n], 12);
    }
    const tiled = new Int32Array(targets.length * 500);
    targets.forEach((_, u) => tiled.set(ranking, u * 500));
    const fromRankings = metricsFromRankings(tiled, 500, targets, ns);
    for (const n of ns) expect(fromRankings.recall[n]).toBeCloseTo(fixed.recall[n], 12);
    // quality-reference.md: most popular on Beauty reaches R@50/100/200/500 = 5.4/8.2/11.0/19.5 %
    // on its own split; this split lands within a few points of it.
    expect(fixed.recall[50]).toBeGreaterThan(0.03);
    expect(fixed.recall[50]).toBeLessThan(0.08);
    expect(fixed.recall[500]).toBeGreaterThan(0.15);
    expect(fixed.recall[500]).toBeLessThan(0.25);
  });
});
