/** Tests of figures. */
import { describe, expect, it } from 'vitest';
import { fakeCell } from './fake-cells.test-helpers';
import { figure3Spec, figure4Spec, figure5Points, figure5Spec, renderSvg } from './figures';
import { summarize } from './summary';

const results = [
  fakeCell('triplet', 1, { 50: 0.05, 500: 0.15 }),
  fakeCell('bpr', 1, { 50: 0.06, 500: 0.16 }),
  fakeCell('croloss-hinge-a1.0', 1, { 50: 0.07, 500: 0.17 }),
  fakeCell('croloss-softplus-a1.0', 1, { 50: 0.21, 500: 0.31 }),
  fakeCell('croloss-sigmoid-a0.6', 1, { 50: 0.1, 500: 0.4 }),
  fakeCell('croloss-sigmoid-a1.2', 1, { 50: 0.15, 500: 0.35 }),
];
const summaries = summarize(results);

describe('figures', () => {
  it('Figure 3: one series per kernel run at alpha 1, Recall in percent', () => {
    const spec = figure3Spec(summaries, 'fake')!;
    expect((spec.data as { values: unknown[] }).values).toEqual([
      { series: 'hinge', n: 50, recall: 7, std: 0 },
      { series: 'hinge', n: 500, recall: 17, std: 0 },
      { series: 'softplus', n: 50, recall: 21, std: 0 },
      { series: 'softplus', n: 500, recall: 31, std: 0 },
    ]);
  });

  it('Figure 4: one series per alpha of the sigmoid kernel', () => {
    const values = (figure4Spec(summaries, [0.6, 0.8, 1.2], 'fake')!.data as { values: Array<{ series: string }> }).values;
    expect([...new Set(values.map((v) => v.series))]).toEqual(['α = 0.6', 'α = 1.2']);
  });

  it('Figure 5: gain in % of alpha = 1 over triplet and BPR per N', () => {
    const points = figure5Points(summaries);
    expect(points.map((p) => [p.series, p.n])).toEqual([['triplet (hinge)', '50'], ['triplet (hinge)', '500'], ['bpr (softplus)', '50'], ['bpr (softplus)', '500']]);
    const expected = [100 * (0.07 / 0.05 - 1), 100 * (0.17 / 0.15 - 1), 100 * (0.21 / 0.06 - 1), 100 * (0.31 / 0.16 - 1)];
    points.forEach((p, i) => expect(p.gain).toBeCloseTo(expected[i], 5));
  });

  it('leaves a figure out when its cells were not run, and renders one to SVG', async () => {
    expect(figure5Spec(summarize(results.slice(0, 2)), 'fake')).toBeUndefined();
    const svg = await renderSvg(figure5Spec(summaries, 'fake')!);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Figure 5');
  });
});
