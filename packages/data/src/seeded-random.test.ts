import { describe, expect, it } from 'vitest';
import { SeededRandom } from './index';

describe('SeededRandom (mulberry32)', () => {
  it('is deterministic per seed, different across seeds, and restores from its state', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const first = Array.from({ length: 5 }, () => a.nextFloat());
    expect(Array.from({ length: 5 }, () => b.nextFloat())).toEqual(first);
    expect(new SeededRandom(43).nextFloat()).not.toBe(first[0]);
    const state = a.getState();
    const next = a.nextFloat();
    const c = new SeededRandom(0);
    c.setState(state);
    expect(c.nextFloat()).toBe(next);
  });

  it('is uniform: mean 1/2, variance 1/12 and flat deciles over 100,000 draws', () => {
    const random = new SeededRandom(2022);
    const n = 100000;
    const bins = new Array(10).fill(0);
    let sum = 0;
    let squares = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = random.nextFloat();
      if (!(x >= 0 && x < 1)) outside += 1;
      sum += x;
      squares += x * x;
      bins[Math.floor(x * 10)] += 1;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(squares / n - (sum / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
    // chi-square with 9 degrees of freedom: 27.9 is its 0.999 quantile.
    const chi2 = bins.reduce((s, count) => s + (count - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9);
  });

  it('shuffle returns a permutation', () => {
    const values = Int32Array.from({ length: 100 }, (_, i) => i);
    const shuffled = new SeededRandom(3).shuffle(values.slice());
    expect(Array.from(shuffled).sort((x, y) => x - y)).toEqual(Array.from(values));
    expect(Array.from(shuffled)).not.toEqual(Array.from(values));
  });

  it('rejects a fractional seed', () => {
    expect(() => new SeededRandom(1.5)).toThrow(/SeededRandom: argument 'seed' must be an integer, got 1.5/);
  });
});
