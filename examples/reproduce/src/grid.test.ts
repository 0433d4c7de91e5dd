/** Tests of buildGrid. */
import { describe, expect, it } from 'vitest';
import { alphaTag, buildGrid, configId } from './grid';

describe('buildGrid', () => {
  it('has 3 baselines + 4 kernels x 4 alphas + 6 lambda configurations, x 3 seeds = 75 unique cells', () => {
    const cells = buildGrid();
    expect(cells).toHaveLength(75);
    expect(new Set(cells.map((c) => c.id)).size).toBe(75);
    expect(new Set(cells.map((c) => c.config)).size).toBe(25);
  });

  it('lists ids in a stable order', () => {
    const ids = buildGrid({ seeds: [1] }).map((c) => c.id);
    expect(ids).toEqual([
      'softmax-s1', 'triplet-s1', 'bpr-s1',
      'croloss-hinge-a0.6-s1', 'croloss-hinge-a0.8-s1', 'croloss-hinge-a1.0-s1', 'croloss-hinge-a1.2-s1',
      'croloss-sigmoid-a0.6-s1', 'croloss-sigmoid-a0.8-s1', 'croloss-sigmoid-a1.0-s1', 'croloss-sigmoid-a1.2-s1',
      'croloss-exponential-a0.6-s1', 'croloss-exponential-a0.8-s1', 'croloss-exponential-a1.0-s1', 'croloss-exponential-a1.2-s1',
      'croloss-softplus-a0.6-s1', 'croloss-softplus-a0.8-s1', 'croloss-softplus-a1.0-s1', 'croloss-softplus-a1.2-s1',
      'lambda-unit-step-hinge-a1.0-s1', 'lambda-unit-step-exponential-a1.0-s1', 'lambda-unit-step-softplus-a1.0-s1',
      'lambda-sigmoid-hinge-a1.0-s1', 'lambda-sigmoid-exponential-a1.0-s1', 'lambda-sigmoid-softplus-a1.0-s1',
    ]);
    expect(buildGrid({ seeds: [1] }).map((c) => c.id)).toEqual(ids);
  });

  it('keeps the hard-negative cells (hinge and softplus at alpha 1) when 1 is not among the alphas', () => {
    const cells = buildGrid({ seeds: [7], alphas: [0.5] });
    const hard = cells.filter((c) => c.group === 'hard-negative').map((c) => c.id);
    expect(hard).toEqual(['croloss-hinge-a1.0-s7', 'croloss-softplus-a1.0-s7']);
    expect(cells).toHaveLength(3 + 4 + 6 + 2);
  });

  it('filters by --only and records the implied alphas of the baselines', () => {
    const cells = buildGrid({ seeds: [1, 2], only: /^(softmax|triplet)-/ });
    expect(cells.map((c) => [c.id, c.alpha])).toEqual([['softmax-s1', 1], ['softmax-s2', 1], ['triplet-s1', 0], ['triplet-s2', 0]]);
  });

  it('names configurations and alphas', () => {
    expect(configId({ kind: 'lambda', phi1: 'sigmoid', phi2: 'softplus', alpha: 1 })).toBe('lambda-sigmoid-softplus-a1.0');
    expect([alphaTag(0.8), alphaTag(2), alphaTag(1.25)]).toEqual(['a0.8', 'a2.0', 'a1.25']);
  });

  it('rejects empty seeds', () => {
    expect(() => buildGrid({ seeds: [] })).toThrow("buildGrid: argument 'options.seeds' must be a non-empty array of integers >= 0, got []");
  });

  it('rejects negative alphas', () => {
    expect(() => buildGrid({ alphas: [-1] })).toThrow("buildGrid: argument 'options.alphas' must be a non-empty array of finite numbers >= 0, got [-1]");
  });
});
