/** Tests of formatRecallTable. */
import { describe, expect, it } from 'vitest';
import { fakeResults, FAKE_NS } from './fake-results.test-helpers';
import type { Results } from './results';
import { formatComparison, formatRecallTable } from './table';

/** A small results object built by hand: two runs, two cut-offs. */
function smallResults(): Results {
  const run = (loss: string, recall: Record<number, number>) => ({
    loss,
    data: 'Tiny',
    recall,
    hitRate: recall,
    ndcg: recall,
    bestStep: 10,
    steps: 20,
    trainSeconds: 2,
    stepsPerSecond: 10,
    history: [],
  });
  return {
    createdAt: '2025-01-01T00:00:00.000Z',
    command: 'test',
    backend: 'cpu',
    data: { name: 'Tiny', users: 3, items: 5, interactions: 9 },
    baseline: { name: 'most popular items', recall: { 1: 0.05, 10: 0.125 }, hitRate: {}, ndcg: {} },
    runs: [run('softmax', { 1: 0.1, 10: 0.5 }), run('A | B', { 1: 0.123456, 10: 1 })],
    config: {},
  };
}

describe('formatRecallTable', () => {
  it('prints baseline then runs, Recall@N in percent with 2 decimals, columns aligned', () => {
    expect(formatRecallTable(smallResults(), [1, 10])).toBe(
      [
        '| loss               | Recall@1 (%) | Recall@10 (%) |',
        '| :----------------- | -----------: | ------------: |',
        '| most popular items |         5.00 |         12.50 |',
        '| softmax            |        10.00 |         50.00 |',
        '| A \\| B             |        12.35 |        100.00 |',
      ].join('\n'),
    );
  });

  it('follows the order of ns for the columns', () => {
    expect(formatRecallTable(smallResults(), [10, 1]).split('\n')[2]).toBe('| most popular items |         12.50 |         5.00 |');
  });

  it('prints the reference Beauty numbers', () => {
    expect(formatRecallTable(fakeResults(), FAKE_NS)).toBe(
      [
        '| loss                                       | Recall@50 (%) | Recall@100 (%) | Recall@200 (%) | Recall@500 (%) |',
        '| :----------------------------------------- | ------------: | -------------: | -------------: | -------------: |',
        '| most popular items                         |          5.40 |           8.20 |          11.00 |          19.50 |',
        '| softmax cross-entropy (sampled)            |         14.40 |          19.60 |          26.30 |          35.80 |',
        '| CROLoss softplus, alpha 1                  |         15.20 |          21.00 |          27.90 |          38.30 |',
        '| CROLoss-lambda sigmoid / softplus, alpha 1 |         14.80 |          21.00 |          27.60 |          38.20 |',
      ].join('\n'),
    );
  });

  it('throws on an empty list of cut-offs', () => {
    expect(() => formatRecallTable(smallResults(), [])).toThrow(
      "formatRecallTable: argument 'ns' must be a non-empty array of cut-offs N, got []",
    );
  });

  it('throws on a cut-off that is not a positive integer', () => {
    expect(() => formatRecallTable(smallResults(), [1, 2.5])).toThrow(
      "formatRecallTable: argument 'ns' must be positive integers, got [1, 2.5]",
    );
  });

  it('throws on a repeated cut-off', () => {
    expect(() => formatRecallTable(smallResults(), [10, 10])).toThrow(
      "formatRecallTable: argument 'ns' must be distinct cut-offs, got [10, 10]",
    );
  });

  it('throws when a run lacks a cut-off', () => {
    expect(() => formatRecallTable(smallResults(), [1, 5])).toThrow(
      "formatRecallTable: argument 'recall[5] of 'most popular items'' must be a fraction in [0, 1], got undefined",
    );
  });

  it('throws on a NaN recall instead of printing it', () => {
    const results = smallResults();
    results.runs[0].recall[10] = Number.NaN;
    expect(() => formatRecallTable(results, [1, 10])).toThrow(
      "formatRecallTable: argument 'recall[10] of 'softmax'' must be a fraction in [0, 1], got NaN",
    );
  });

  it('throws on a recall given in percent instead of as a fraction', () => {
    const results = smallResults();
    results.runs[1].recall[1] = 12.3;
    expect(() => formatRecallTable(results, [1])).toThrow(
      "formatRecallTable: argument 'recall[1] of 'A | B'' must be a fraction in [0, 1], got 12.3",
    );
  });
});

describe('formatComparison', () => {
  it('names the best run per N with the baseline for scale', () => {
    expect(formatComparison(smallResults(), [1, 10])).toBe(
      'Best Recall@N: @1 A | B at 12.35% (most popular items 5.00%); @10 A | B at 100.00% (most popular items 12.50%)',
    );
  });

  it('names every run that ties at the shown precision', () => {
    expect(formatComparison(fakeResults(), FAKE_NS)).toBe(
      'Best Recall@N: @50 CROLoss softplus, alpha 1 at 15.20% (most popular items 5.40%); ' +
        '@100 CROLoss softplus, alpha 1 = CROLoss-lambda sigmoid / softplus, alpha 1 at 21.00% (most popular items 8.20%); ' +
        '@200 CROLoss softplus, alpha 1 at 27.90% (most popular items 11.00%); ' +
        '@500 CROLoss softplus, alpha 1 at 38.30% (most popular items 19.50%)',
    );
  });

  it('says so when there are no runs', () => {
    expect(formatComparison({ ...smallResults(), runs: [] }, [1])).toBe('Best Recall@N: no runs');
  });

  it('throws on an empty list of cut-offs', () => {
    expect(() => formatComparison(smallResults(), [])).toThrow(
      "formatComparison: argument 'ns' must be a non-empty array of cut-offs N, got []",
    );
  });
});
