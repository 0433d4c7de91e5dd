import { describe, expect, it } from 'vitest';
import { evaluationSet, historyLength, loadDefaultDataset, sequenceDatasetFromArrays, splitUsers, userItems } from './index';


describe('evaluationSet', () => {
  it('rounds like ComiRec int(0.8 n): n = 2..10 -> 1, 2, 3, 4, 4, 5, 6, 7, 8 history items, >= 1 target', () => {
    const lengths = [2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(lengths.map((n) => historyLength(n))).toEqual([1, 2, 3, 4, 4, 5, 6, 7, 8]);
    for (let n = 2; n < 500; n++) {
      const h = historyLength(n);
      expect(h).toBe(Math.trunc(n * 0.8));
      expect(h >= 1 && n - h >= 1).toBe(true);
    }
    expect([historyLength(2, 0.1), historyLength(5, 0.99)]).toEqual([1, 4]);
  });

  it('history = first 80% truncated to its LAST maxHistory items, targets = the rest in order', () => {
    const sequence = Array.from({ length: 30 }, (_, i) => i + 1);
    const data = sequenceDatasetFromArrays('toy', [sequence, [7, 8, 9]]);
    const evaluation = evaluationSet(data, [0, 1], { maxHistory: 20 });
    // n = 30: 24 history items, the last 20 of them are 5..24; targets 25..30.
    expect(Array.from(evaluation.histories.subarray(0, 20))).toEqual(sequence.slice(4, 24));
    expect(Array.from(evaluation.targets[0])).toEqual(sequence.slice(24));
    // n = 3: 2 history items, left-aligned and 0-padded, 1 target.
    expect(Array.from(evaluation.histories.subarray(20, 40))).toEqual([7, 8, ...new Array(18).fill(0)]);
    expect(Array.from(evaluation.targets[1])).toEqual([9]);
    expect(Array.from(evaluation.historyLengths)).toEqual([20, 2]);
  });

  it('right alignment keeps the newest history item last', () => {
    const data = sequenceDatasetFromArrays('toy', [[1, 2, 3, 4, 5]]);
    const evaluation = evaluationSet(data, [0], { maxHistory: 6, align: 'right' });
    expect(Array.from(evaluation.histories)).toEqual([0, 0, 1, 2, 3, 4]);
  });

  it('skips users with fewer than 2 items and counts them', () => {
    const data = sequenceDatasetFromArrays('toy', [[1], [2, 3], []]);
    const evaluation = evaluationSet(data, [0, 1, 2]);
    expect([Array.from(evaluation.users), evaluation.skippedUsers]).toEqual([[1], 2]);
  });

  it('on the Beauty test users: history ++ targets rebuild the sequence and the targets are the last 20%', async () => {
    const beauty = await loadDefaultDataset();
    const { test } = splitUsers(beauty, { seed: 2022 });
    const evaluation = evaluationSet(beauty, test, { maxHistory: 20 });
    expect(evaluation.users).toEqual(test);
    test.forEach((user, i) => {
      const sequence = Array.from(userItems(beauty, user));
      const h = Math.trunc(0.8 * sequence.length);
      expect(Array.from(evaluation.targets[i])).toEqual(sequence.slice(h));
      const kept = sequence.slice(Math.max(0, h - 20), h);
      expect(evaluation.historyLengths[i]).toBe(kept.length);
      expect(Array.from(evaluation.histories.subarray(i * 20, i * 20 + kept.length))).toEqual(kept);
    });
  });

  it('rejects historyFraction 1', () => {
    const data = sequenceDatasetFromArrays('toy', [[1, 2]]);
    expect(() => evaluationSet(data, [0], { historyFraction: 1 })).toThrow(/evaluationSet: argument 'options.historyFraction' must be a number in \(0, 1\), got 1/);
  });

  it('rejects an unknown alignment', () => {
    const data = sequenceDatasetFromArrays('toy', [[1, 2]]);
    expect(() => evaluationSet(data, [0], { align: 'center' as never })).toThrow(/evaluationSet: argument 'options.align' must be 'left' or 'right', got "center"/);
  });

  it('rejects a data set whose offsets do not match its items', () => {
    const data = { ...sequenceDatasetFromArrays('toy', [[1, 2]]), items: new Int32Array(5) };
    expect(() => evaluationSet(data, [0])).toThrow(/evaluationSet: argument 'dataset' must be a SequenceDataset/);
  });
});
