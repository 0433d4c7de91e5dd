/** Tests of meanStd. */
import { describe, expect, it } from 'vitest';
import { fakeCell } from './fake-cells.test-helpers';
import { claimC1, claimC2, claimC3, claimC4, compareConfigs, compareStats, evaluateClaims, formatFindings } from './findings';
import { meanStd, summarize } from './summary';
import { table2, table3, table4 } from './tables';

/** Recall at N = 50, 100 (= R@50 + 0.03) and 500, as fractions. */
const r = (r50: number, r500: number) => ({ 50: r50, 100: r50 + 0.03, 500: r500 });
const twoSeeds = (config: string, a: [number, number], b: [number, number]) => [fakeCell(config, 1, r(...a)), fakeCell(config, 2, r(...b))];

const results = [
  ...twoSeeds('softmax', [0.1, 0.2], [0.12, 0.22]),
  ...twoSeeds('triplet', [0.05, 0.15], [0.05, 0.15]),
  ...twoSeeds('bpr', [0.06, 0.16], [0.06, 0.16]),
  ...twoSeeds('croloss-softplus-a1.0', [0.2, 0.3], [0.22, 0.32]),
  ...twoSeeds('croloss-hinge-a1.0', [0.07, 0.17], [0.07, 0.17]),
  ...twoSeeds('lambda-sigmoid-softplus-a1.0', [0.21, 0.31], [0.21, 0.31]),
  ...twoSeeds('croloss-sigmoid-a0.6', [0.1, 0.4], [0.1, 0.4]),
  ...twoSeeds('croloss-sigmoid-a1.2', [0.15, 0.35], [0.15, 0.35]),
];
const summaries = summarize(results);
const NS = [50, 500];

describe('meanStd', () => {
  it('gives the mean and the sample std (n - 1)', () => {
    const { mean, std, count } = meanStd([0.1, 0.2, 0.3, 0.6]);
    const m = (0.1 + 0.2 + 0.3 + 0.6) / 4;
    expect(mean).toBeCloseTo(m, 12);
    expect(std).toBeCloseTo(Math.sqrt(((0.1 - m) ** 2 + (0.2 - m) ** 2 + (0.3 - m) ** 2 + (0.6 - m) ** 2) / 3), 12);
    expect(count).toBe(4);
    expect(meanStd([0.5]).std).toBe(0);
  });

  it('rejects NaN', () => {
    expect(() => meanStd([0.1, NaN])).toThrow("meanStd: argument 'values' must be a non-empty array of finite numbers, got [0.1, NaN]");
  });
});

describe('tables', () => {
  it('Table 2: baselines and the best CROLoss / lambda by mean Recall@100, mean ± std in percent', () => {
    expect(table2(summaries, NS)).toBe([
      '| Method | R@50 | R@500 |',
      '| --- | ---: | ---: |',
      '| cross-entropy loss | 11.00 ± 1.41 | 21.00 ± 1.41 |',
      '| triplet loss | 5.00 ± 0.00 | 15.00 ± 0.00 |',
      '| BPR loss | 6.00 ± 0.00 | 16.00 ± 0.00 |',
      '| CROLoss (croloss-softplus-a1.0) | 21.00 ± 1.41 | 31.00 ± 1.41 |',
      '| CROLoss-lambda (lambda-sigmoid-softplus-a1.0) | 21.00 ± 0.00 | 31.00 ± 0.00 |',
    ].join('\n'));
  });

  it('Table 3: kernels x alpha per N, – for configurations not run', () => {
    expect(table3(summaries, [0.6, 1.2], [50]).split('\n')).toEqual([
      '| Kernel | R@50 α=0.6 | R@50 α=1.2 |',
      '| --- | ---: | ---: |',
      '| hinge | – | – |',
      '| sigmoid | 10.00 ± 0.00 | 15.00 ± 0.00 |',
      '| exponential | – | – |',
      '| softplus | – | – |',
    ]);
  });

  it('Table 4: phi1 x phi2 at alpha 1', () => {
    const lines = table4(summaries, NS).split('\n');
    expect(lines).toHaveLength(2 + 6);
    expect(lines[0]).toBe('| Kernel φ1 | Kernel φ2 | R@50 | R@500 |');
    expect(lines[2]).toBe('| unit step | hinge | – | – |');
    expect(lines[7]).toBe('| sigmoid | softplus | 21.00 ± 0.00 | 31.00 ± 0.00 |');
  });
});

describe('findings', () => {
  it('C1 holds when the best CROLoss beats every baseline beyond the seed std', () => {
    const c1 = claimC1(summaries, NS);
    expect(c1.holds).toBe(true);
    expect(c1.numbers).toEqual([
      'best CROLoss by mean R@100: croloss-softplus-a1.0',
      'vs softmax: R@50 +10.00 (±0.00), R@500 +10.00 (±0.00)',
      'vs triplet: R@50 +16.00 (±1.41), R@500 +16.00 (±1.41)',
      'vs bpr: R@50 +15.00 (±1.41), R@500 +15.00 (±1.41)',
    ]);
  });

  it('C1 is inconclusive when a lead is within the seed std', () => {
    const close = summarize([...results.filter((x) => x.cell.config !== 'softmax'), ...twoSeeds('softmax', [0.2, 0.3], [0.22, 0.3])]);
    expect(claimC1(close, NS).holds).toBe('inconclusive');
    expect(compareStats(meanStd([0.21, 0.22]), meanStd([0.2, 0.22]))).toMatchObject({ outcome: 'tie' });
  });

  it('compares configurations paired by seed: a consistent lead counts even when seeds spread widely', () => {
    // Seeds are user splits: seed 2 is an "easy" split for everyone. CROLoss leads by 0.5-0.7 points on each split.
    const spread = summarize([
      fakeCell('softmax', 1, r(0.10, 0.30)), fakeCell('softmax', 2, r(0.14, 0.34)), fakeCell('softmax', 3, r(0.11, 0.31)),
      fakeCell('croloss-softplus-a1.0', 1, r(0.105, 0.305)), fakeCell('croloss-softplus-a1.0', 2, r(0.147, 0.347)), fakeCell('croloss-softplus-a1.0', 3, r(0.116, 0.316)),
    ]);
    const a = spread.get('croloss-softplus-a1.0')!;
    const b = spread.get('softmax')!;
    expect(compareStats(a.recall[50], b.recall[50]).outcome).toBe('tie'); // unpaired: the split spread (±2 points) hides it
    const paired = compareConfigs(a, b, 50);
    expect(paired.paired).toBe(true);
    expect(paired.outcome).toBe('better');
    expect(paired.diff).toBeCloseTo(0.006, 12); // mean of 0.005, 0.007, 0.006
    expect(paired.noise).toBeCloseTo(0.001, 12); // sample std of the differences
    expect(compareConfigs(b, a, 50).outcome).toBe('worse');
  });

  it('C2 holds when a larger alpha wins at N=50 and a smaller one at N=500', () => {
    const c2 = claimC2(summaries, [0.6, 0.8, 1, 1.2]);
    expect(c2.holds).toBe(true);
    expect(c2.numbers.slice(-2)).toEqual(['best α at N=50: 1.2; at N=500: 0.6', 'lead at N=50: +5.00 (±0.00); at N=500: +5.00 (±0.00)']);
  });

  it('C2 does not hold when one alpha wins at both N', () => {
    const flat = summarize([...twoSeeds('croloss-sigmoid-a0.6', [0.1, 0.3], [0.1, 0.3]), ...twoSeeds('croloss-sigmoid-a1.2', [0.2, 0.4], [0.2, 0.4])]);
    expect(claimC2(flat, [0.6, 1.2]).holds).toBe(false);
  });

  it('C3 holds for an equal lambda, fails for a worse one', () => {
    expect(claimC3(summaries, NS).holds).toBe(true);
    const worse = summarize([...results.filter((x) => x.cell.loss.kind !== 'lambda'), ...twoSeeds('lambda-sigmoid-hinge-a1.0', [0.1, 0.2], [0.1, 0.2])]);
    expect(claimC3(worse, NS).holds).toBe(false);
  });

  it('C4 holds when alpha = 1 beats triplet and BPR', () => {
    expect(claimC4(summaries, NS)).toMatchObject({
      holds: true,
      numbers: ['hinge α=1 vs triplet: R@50 +2.00 (±0.00), R@500 +2.00 (±0.00)', 'softplus α=1 vs bpr: R@50 +15.00 (±1.41), R@500 +15.00 (±1.41)'],
    });
  });

  it('formats findings as markdown and marks missing cells inconclusive', () => {
    const text = formatFindings(evaluateClaims(summarize(results.filter((x) => x.cell.config !== 'bpr')), [0.6, 1.2], NS));
    expect(text.split('\n')[0]).toBe('- **C1** inconclusive: The best CROLoss beats softmax cross-entropy, triplet and BPR at every N (Table 2).');
    expect(text).toContain('  - not enough results: needs bpr and croloss-softplus-a1.0');
  });
});
