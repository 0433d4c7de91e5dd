/// <reference types="node" />
import { describe, expect, it } from 'vitest';
import { embeddedBeautyText } from '@croloss/testing/fixtures';
import { buildAliasTable } from './alias-table';
import { logUniformSampler, popularitySampler, uniformSampler, type DistributionSampler } from './index';
import { chiSquare, chiSquareBound, tally } from './statistics.test-helpers';

/** Draws `n` ids and compares their frequencies with n * q(id) for every id in [0, high]. */
function fitOf(sampler: DistributionSampler, n: number) {
  const ids = sampler.draw(n);
  const observed = tally(ids, sampler.high + 1);
  const expected = Float64Array.from({ length: sampler.high + 1 }, (_, id) => n * sampler.probability(id));
  let worstZ = 0; // largest |O - E| / sd over ids, sd = sqrt(n q (1 - q))
  for (let id = 0; id <= sampler.high; id++) {
    const q = sampler.probability(id);
    if (q > 0) worstZ = Math.max(worstZ, Math.abs(observed[id] - expected[id]) / Math.sqrt(n * q * (1 - q)));
    else expect(observed[id], `id ${id} has q = 0`).toBe(0);
  }
  return { ...chiSquare(observed, expected), worstZ, observed };
}

describe('uniformSampler', () => {
  it('q(id) = 1 / numItems and frequencies fit it (chi-square over 500 ids, 300k draws)', () => {
    const sampler = uniformSampler({ numItems: 500, seed: 2024 });
    expect(sampler.probability(1)).toBe(1 / 500);
    expect(sampler.probability(500)).toBe(1 / 500);
    const fit = fitOf(sampler, 300_000);
    expect(fit.df).toBe(499);
    expect(fit.statistic).toBeLessThan(chiSquareBound(fit.df));
    expect(fit.worstZ).toBeLessThan(5);
    expect(fit.observed[0]).toBe(0); // padding never drawn
  });

  it('low = 0 draws the padding id too, as the reference code does', () => {
    const sampler = uniformSampler({ numItems: 4, seed: 1, low: 0 });
    expect(new Set(sampler.draw(400)).size).toBe(4);
    expect(Math.max(...sampler.draw(400))).toBe(3);
  });
});

describe('logUniformSampler', () => {
  it('q(r) = log((r + 2) / (r + 1)) / log(numItems + 1) and frequencies fit it (1,000 ids, 400k draws)', () => {
    const numItems = 1000;
    const sampler = logUniformSampler({ numItems, seed: 77 });
    for (const id of [1, 2, 10, 500, 1000]) {
      const r = id - 1;
      expect(sampler.probability(id)).toBeCloseTo(Math.log((r + 2) / (r + 1)) / Math.log(numItems + 1), 15);
    }
    const fit = fitOf(sampler, 400_000);
    expect(fit.statistic).toBeLessThan(chiSquareBound(fit.df));
    expect(fit.worstZ).toBeLessThan(5);
  });

  it('respects low and stays inside the range at the extremes', () => {
    const sampler = logUniformSampler({ numItems: 3, seed: 5, low: 10 });
    const ids = sampler.draw(20_000);
    expect(Math.min(...ids)).toBe(10);
    expect(Math.max(...ids)).toBe(12);
    expect(sampler.probability(10) + sampler.probability(11) + sampler.probability(12)).toBeCloseTo(1, 15);
  });
});

describe('popularitySampler', () => {
  // Real counts: interactions per item in Amazon Beauty (12,101 items, ids from 1).
  const text = embeddedBeautyText();
  const beautyCounts: number[] = [0];
  for (const line of text.trim().split('\n')) {
    for (const item of line.trim().split(' ').slice(1).map(Number)) beautyCounts[item] = (beautyCounts[item] ?? 0) + 1;
  }
  for (let id = 0; id < beautyCounts.length; id++) beautyCounts[id] ??= 0;

  it('power 0.75 on Amazon Beauty counts: exact q and frequencies fit it (600k draws)', () => {
    expect(beautyCounts.length).toBe(12_102);
    const sampler = popularitySampler({ counts: beautyCounts, seed: 9, power: 0.75 });
    let total = 0;
    for (let id = 1; id < beautyCounts.length; id++) total += beautyCounts[id] ** 0.75;
    expect(sampler.probability(1)).toBeCloseTo(beautyCounts[1] ** 0.75 / total, 15);
    const fit = fitOf(sampler, 600_000);
    expect(fit.df).toBeGreaterThan(5000);
    expect(fit.statistic).toBeLessThan(chiSquareBound(fit.df));
    expect(fit.worstZ).toBeLessThan(5.5);
  });

  it('never draws ids with count 0 (nor the padding id), default power 1', () => {
    const counts = [50, 0, 3, 0, 0, 1, 0, 6];
    const sampler = popularitySampler({ counts, seed: 4 });
    expect(sampler.probability(7)).toBe(0.6);
    const fit = fitOf(sampler, 100_000); // fitOf asserts no draws where q = 0, including id 0
    expect(fit.statistic).toBeLessThan(chiSquareBound(fit.df));
    expect(fit.observed[0] + fit.observed[1] + fit.observed[3] + fit.observed[4] + fit.observed[6]).toBe(0);
  });

  it('its alias table encodes q exactly (up to float64 rounding)', () => {
    const weights = Float64Array.from(beautyCounts.slice(1).filter((c) => c > 0), (c) => c ** 0.75);
    const table = buildAliasTable(weights);
    const total = weights.reduce((a, b) => a + b, 0);
    const implied = Float64Array.from(table.keep);
    for (let i = 0; i < table.size; i++) if (table.alias[i] !== i) implied[table.alias[i]] += 1 - table.keep[i];
    let worst = 0;
    for (let i = 0; i < table.size; i++) worst = Math.max(worst, Math.abs(implied[i] / table.size - weights[i] / total) / (weights[i] / total));
    expect(worst).toBeLessThan(1e-9);
  });
});
