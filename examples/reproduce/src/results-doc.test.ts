/** Tests of resultsDocument. */
import { describe, expect, it } from 'vitest';
import { fakeCell } from './fake-cells.test-helpers';
import { resultsDocument } from './results-doc';

const at = (r50: number, r500: number) => ({ 50: r50, 100: (r50 + r500) / 2, 200: (r50 + 3 * r500) / 4, 500: r500 });
const seeds = (config: string, r50: number, r500: number) => [1, 2, 3].map((s) => fakeCell(config, s, at(r50 + s * 1e-4, r500 + s * 1e-4)));

describe('resultsDocument', () => {
  it('states each claim per data set, lists what does not reproduce, and links the committed cells', () => {
    // Data set A: CROLoss beats every baseline everywhere (C1 holds). Data set B: BPR beats CROLoss (C1 does not hold).
    const a = [...seeds('softmax', 0.10, 0.30), ...seeds('triplet', 0.08, 0.28), ...seeds('bpr', 0.09, 0.29), ...seeds('croloss-softplus-a1.0', 0.12, 0.33)];
    const b = [...seeds('softmax', 0.10, 0.30), ...seeds('triplet', 0.08, 0.28), ...seeds('bpr', 0.13, 0.36), ...seeds('croloss-softplus-a1.0', 0.12, 0.33)];
    const doc = resultsDocument([
      { label: 'Data A', folder: 'results/a', command: 'node main.js --out a', results: a, missing: [] },
      { label: 'Data B', folder: 'results/b', command: 'node main.js --out b', results: b, missing: ['lambda-sigmoid-softplus-a1.0-s1'] },
    ], '## Full data\n\ncommands');
    const c1 = doc.split('\n').find((line) => line.startsWith('| C1:'));
    expect(c1).toMatch(/\| holds \| \*\*does not hold\*\* \|$/);
    expect(doc).toContain('### What does not reproduce');
    expect(doc).toMatch(/- Data B, C1: best CROLoss by mean R@100: croloss-softplus-a1\.0; .*vs bpr: R@50 -1\.00/);
    expect(doc).toContain('[results/a/results.md](results/a/results.md)');
    expect(doc).toContain('**1 cells of the grid are not finished yet** (lambda-sigmoid-softplus-a1.0-s1)');
    expect(doc).toContain('12 cells (4 configurations × seeds 1, 2, 3), 3,000 steps each');
    expect(doc.trim().endsWith('commands')).toBe(true);
  });
});
