/** Tests of createRandomStream (xoshiro128**). */
import { describe, expect, it } from 'vitest';
import { createRandomStream } from './index';

describe('createRandomStream (xoshiro128**)', () => {
  it('reproduces the reference C implementation from state [1, 2, 3, 4]', () => {
    const stream = createRandomStream(0);
    stream.setState([1, 2, 3, 4]);
    const first = Array.from({ length: 10 }, () => stream.nextUint32());
    // printed by the authors' xoshiro128starstar.c (Blackman & Vigna) from s = {1, 2, 3, 4}
    expect(first).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804]);
  });

  it('is reproducible per seed, and 1, 2, 1.5, -1 give different streams while 0 and -0 agree', () => {
    const draws = (seed: number) => {
      const s = createRandomStream(seed);
      return Array.from({ length: 8 }, () => s.nextUint32());
    };
    expect(draws(1)).toEqual(draws(1));
    const distinct = new Set([1, 2, 1.5, -1, 1e9].map((seed) => draws(seed).join(',')));
    expect(distinct.size).toBe(5);
    expect(draws(0)).toEqual(draws(-0));
  });

  it('getState / setState resume the exact stream (through JSON)', () => {
    const a = createRandomStream(99);
    for (let i = 0; i < 37; i++) a.nextFloat();
    const saved = JSON.parse(JSON.stringify(a.getState()));
    const expected = Array.from({ length: 20 }, () => a.nextInt(1000));
    const b = createRandomStream(12345);
    b.setState(saved);
    expect(Array.from({ length: 20 }, () => b.nextInt(1000))).toEqual(expected);
  });

  it('floats lie in [0, 1) with mean 1/2 and variance 1/12; nextInt(6) is uniform', () => {
    const s = createRandomStream(5);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    const dice = new Array(6).fill(0);
    for (let i = 0; i < n; i++) {
      const u = s.nextFloat();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSq += u * u;
      dice[s.nextInt(6)]++;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSq / n - (sum / n) ** 2 - 1 / 12)).toBeLessThan(1e-3);
    for (const count of dice) expect(Math.abs(count - n / 6)).toBeLessThan(5 * Math.sqrt((n * 5) / 36));
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['a string', '3'],
  ])('rejects a seed that is %s', (_, seed) => {
    expect(() => createRandomStream(seed as number)).toThrow("createRandomStream: argument 'seed' must be a finite number");
  });

  it.each([
    ['all zero', [0, 0, 0, 0]],
    ['three words', [1, 2, 3]],
    ['a word >= 2^32', [4294967296, 1, 1, 1]],
    ['a fractional word', [1.5, 1, 1, 1]],
  ])('rejects a state that is %s', (_, state) => {
    expect(() => createRandomStream(1).setState(state as never)).toThrow("argument 'state.rng' must be four integers in [0, 2^32), not all zero");
  });
});
