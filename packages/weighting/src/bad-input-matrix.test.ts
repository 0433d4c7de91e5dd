/**
 * Bad-input matrix of @croloss/weighting: every public function against every applicable category.
 * ✓ = tested here, ✓(pl) = tested in power-law.test.ts, n.a. = the category does not apply.
 *
 * | function                     | wrong rank | ragged / non-numeric | NaN / ±Inf ranks     | NaN / neg alpha, bad options  | empty        | int / bool dtype | not a tensor     | leaks on throw |
 * |------------------------------|------------|----------------------|----------------------|-------------------------------|--------------|------------------|------------------|----------------|
 * | powerLaw                     | n.a.       | n.a.                 | n.a.                 | ✓(pl) NaN, -0.5; ✓ Inf, string, numItems NaN/Inf, normalize | n.a. | n.a. | n.a.             | ✓              |
 * | powerLaw().cdf               | ✓ any rank | ✓ throws             | ✓ NaN→NaN, W(+Inf)   | n.a.                          | ✓ [0]        | ✓ = float32      | ✓ arrays allowed | ✓              |
 * | powerLaw().density           | ✓ any rank | ✓ throws             | ✓ NaN→NaN, w(+Inf)=0 | n.a.                          | ✓ [0]        | ✓ = float32      | ✓ arrays allowed | ✓              |
 * | powerLaw().cdfFromLog        | ✓ any rank | ✓ throws             | ✓ NaN→NaN, limits    | n.a.                          | ✓ [0]        | ✓ = float32      | ✓ arrays allowed | ✓              |
 * | defineWeighting (+ methods)  | n.a.       | n.a.                 | n.a.                 | ✓ definition; ✓(pl) no cdf    | n.a.         | ✓ cast for custom | ✓ throws        | ✓              |
 * | isWeighting                  | n.a.       | n.a.                 | n.a.                 | ✓ → false                     | n.a.         | n.a.             | n.a.             | n.a.           |
 * | expm1Accurate                | ✓ any rank | n.a.                 | ✓ NaN, ±Inf          | n.a.                          | ✓ [0]        | ✓ = float32      | ✓ throws         | ✓              |
 * | argumentError                | n.a. (shared builder, tested in @croloss/internal)                                                                                          |
 *
 * "zero negatives", "empty batch" and "every negative masked" reach a weighting as R = 1 (W(1) = 0, w(1) = 1 / Z:
 * asserted here) or as an empty [0] tensor.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expectThrowNoLeak, tensorValues as valuesOf } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { defineWeighting, expm1Accurate, isWeighting, powerLaw } from './index';

/** Z and the limit W(+Inf) = 1 / ((alpha - 1) Z) of eq. 12-13, for alpha > 1. */
const normalizer = (alpha: number, n: number) => (alpha === 1 ? Math.log(n + 1) : ((n + 1) ** (1 - alpha) - 1) / (1 - alpha));

describe('weighting: bad-input matrix', () => {
  // tensors the calls take, made outside every counted region
  const intRanks = tf.tensor1d([1, 3, 7], 'int32');
  const floatRanks = tf.tensor1d([1, 3, 7]);
  const boolRanks = tf.tensor1d([1, 1, 0], 'bool');
  const onesAndZero = tf.tensor1d([1, 1, 0]);
  const empty = tf.zeros([0]);
  const emptyRows = tf.zeros([0, 3]);
  const matrix = tf.tensor2d([[1, 2], [3, 4]]);
  const strings = tf.tensor1d(['1', '2']);
  const special = tf.tensor1d([NaN, Infinity, -Infinity]);
  const w = powerLaw({ alpha: 1.2, numItems: 100 });
  const methods: Array<['cdf' | 'density' | 'cdfFromLog', string]> = [['cdf', 'x'], ['density', 'x'], ['cdfFromLog', 'logX']];

  const optionCases: Array<[string, unknown, string]> = [
    ['alpha Infinity', { alpha: Infinity, numItems: 10 }, "powerLaw: argument 'alpha' must be a finite number >= 0, got Infinity"],
    ['alpha a string', { alpha: '1', numItems: 10 }, "powerLaw: argument 'alpha' must be a finite number >= 0, got \"1\""],
    ['alpha missing', { numItems: 10 }, "powerLaw: argument 'alpha' must be a finite number >= 0, got undefined"],
    ['numItems NaN', { alpha: 1, numItems: NaN }, "powerLaw: argument 'numItems' must be an integer >= 1, got NaN"],
    ['numItems Infinity', { alpha: 1, numItems: Infinity }, "powerLaw: argument 'numItems' must be an integer >= 1, got Infinity"],
    ['normalize a string', { alpha: 1, numItems: 10, normalize: 'no' }, "powerLaw: argument 'normalize' must be a boolean, got \"no\""],
    ['options null', null, "powerLaw: argument 'options' must be an object { alpha, numItems }, got null"],
  ];
  for (const [label, options, message] of optionCases) {
    it(`powerLaw: rejects ${label}`, () => expectThrowNoLeak(() => powerLaw(options as never), message));
  }

  for (const [method, argument] of methods) {
    const where = `powerLaw.${method}`;
    it(`${where}: int32 and bool tensors give the float32 result`, async () => {
      expect(await valuesOf(() => w[method](intRanks))).toEqual(await valuesOf(() => w[method](floatRanks)));
      expect(await valuesOf(() => w[method](boolRanks))).toEqual(await valuesOf(() => w[method](onesAndZero)));
    });

    it(`${where}: element-wise at any rank; empty tensors and [] give empty results`, async () => {
      const m = await valuesOf(() => w[method](matrix));
      expect(m.shape).toEqual([2, 2]);
      expect(m.values).toEqual((await valuesOf(() => w[method]([1, 2, 3, 4]))).values);
      expect(await valuesOf(() => w[method](empty))).toEqual({ dtype: 'float32', shape: [0], values: [] });
      expect(await valuesOf(() => w[method](emptyRows))).toEqual({ dtype: 'float32', shape: [0, 3], values: [] });
      expect((await valuesOf(() => w[method]([]))).shape).toEqual([0]);
    });

    it(`${where}: rejects ragged arrays, strings and string tensors, naming the argument, leaking nothing`, () => {
      const expected = `${where}: argument '${argument}' must be a tensor, a number or a rectangular (nested) array of numbers`;
      expectThrowNoLeak(() => w[method]([[1, 2], [3]] as never), expected, 'got [1,2, 3]');
      expectThrowNoLeak(() => w[method]('3' as never), expected, 'got "3"');
      expectThrowNoLeak(() => w[method]([1, '2'] as never), expected);
      expectThrowNoLeak(() => w[method](undefined as never), expected, 'got undefined');
      expectThrowNoLeak(() => w[method](strings), `${where}: argument '${argument}' must be a tensor of dtype float32, int32 or bool, got "dtype string"`);
    });

    it(`${where}: NaN in, NaN out, element by element`, async () => {
      const got = await valuesOf(() => w[method]([NaN, 2]));
      expect(got.values[0]).toBeNaN();
      expect(Number.isFinite(got.values[1])).toBe(true);
    });
  }

  it('R = 1 (zero negatives, every negative masked): W(1) = 0 and w(1) = 1 / Z for every alpha, normalised or not', async () => {
    for (const alpha of [0, 0.5, 1, 1.2, 3]) {
      for (const normalize of [true, false]) {
        const pl = powerLaw({ alpha, numItems: 100, normalize });
        expect((await valuesOf(() => pl.cdf([1]))).values[0]).toBe(0);
        expect((await valuesOf(() => pl.cdfFromLog([0]))).values[0]).toBe(0);
        expect((await valuesOf(() => pl.density([1]))).values[0]).toBeCloseTo(1 / (normalize ? normalizer(alpha, 100) : 1), 6);
      }
    }
  });

  it('+Infinity ranks give the limits: W(+Inf) = 1 / ((alpha - 1) Z) for alpha > 1 and +Inf for alpha <= 1; w(+Inf) = 0 for alpha > 0', async () => {
    for (const alpha of [1.2, 2, 3]) {
      const pl = powerLaw({ alpha, numItems: 100 });
      const limit = 1 / ((alpha - 1) * normalizer(alpha, 100));
      expect((await valuesOf(() => pl.cdf([Infinity]))).values[0]).toBeCloseTo(limit, 5);
      expect((await valuesOf(() => pl.cdfFromLog([Infinity]))).values[0]).toBeCloseTo(limit, 5);
      expect((await valuesOf(() => pl.density([Infinity]))).values[0]).toBe(0);
    }
    for (const alpha of [0, 0.5, 1]) {
      const pl = powerLaw({ alpha, numItems: 100 });
      expect((await valuesOf(() => pl.cdf([Infinity]))).values[0]).toBe(Infinity);
      expect((await valuesOf(() => pl.cdfFromLog([Infinity]))).values[0]).toBe(Infinity);
    }
  });

  it('ranks below the domain [1, |I| + 1) are not checked: (0, 1) follows the formula, a negative rank gives NaN', async () => {
    const got = await valuesOf(() => w.cdf([0.5, -1]));
    const z = normalizer(1.2, 100);
    expect(got.values[0]).toBeCloseTo((0.5 ** -0.2 - 1) / (-0.2 * z), 5);
    expect(got.values[1]).toBeNaN();
  });

  it('the gradient of cdf at +Infinity is the density there, 0 (finite)', async () => {
    const grad = await valuesOf(() => tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(w.cdf(x)))(tf.tensor1d([Infinity, 1]))));
    expect(grad.values[0]).toBe(0);
    expect(grad.values[1]).toBeCloseTo(1 / normalizer(1.2, 100), 6);
  });

  it('expm1Accurate: NaN -> NaN, +Inf -> +Inf, -Inf -> -1; int32 = float32; any rank; empty; not a tensor throws', async () => {
    const got = await valuesOf(() => expm1Accurate(special));
    expect(got.values[0]).toBeNaN();
    expect(got.values.slice(1)).toEqual([Infinity, -1]);
    expect(await valuesOf(() => expm1Accurate(intRanks))).toEqual(await valuesOf(() => expm1Accurate(floatRanks)));
    expect((await valuesOf(() => expm1Accurate(matrix))).shape).toEqual([2, 2]);
    expect(await valuesOf(() => expm1Accurate(empty))).toEqual({ dtype: 'float32', shape: [0], values: [] });
    expectThrowNoLeak(() => expm1Accurate([1, 2] as never), "expm1Accurate: argument 'y' must be a tf.Tensor, got [1, 2]");
    expectThrowNoLeak(() => expm1Accurate(strings), "expm1Accurate: argument 'y' must be a tensor of dtype float32, int32 or bool, got \"dtype string\"");
  });

  const definitionCases: Array<[string, unknown, string]> = [
    ['null', null, "defineWeighting: argument 'definition' must be an object { name, density, cdf }, got null"],
    ['an empty name', { name: '', density: (x: tf.Tensor) => x, cdf: (x: tf.Tensor) => x }, "defineWeighting: argument 'name' must be a non-empty string, got \"\""],
    ['no density', { name: 'w', cdf: (x: tf.Tensor) => x }, "defineWeighting: argument 'density' must be a function (x: Tensor) => Tensor, got undefined"],
    ['a non-function cdfFromLog', { name: 'w', density: (x: tf.Tensor) => x, cdf: (x: tf.Tensor) => x, cdfFromLog: 2 }, "defineWeighting: argument 'cdfFromLog' must be a function or undefined, got 2"],
  ];
  for (const [label, definition, message] of definitionCases) {
    it(`defineWeighting: rejects ${label}`, () => expectThrowNoLeak(() => defineWeighting(definition as never), message));
  }

  it('defineWeighting: methods get float32 input, run in tf.tidy, and reject what is not a tensor, naming the weighting', async () => {
    const seen: string[] = [];
    const linear = defineWeighting({
      name: 'linear',
      density: (x) => { seen.push(x.dtype); tf.mul(x, 3); return tf.onesLike(x); }, // leaves an intermediate behind
      cdf: (x) => { seen.push(x.dtype); return tf.sub(x, 1); },
      cdfFromLog: (t) => { seen.push(t.dtype); return tf.sub(tf.exp(t), 1); },
    });
    expect((await valuesOf(() => linear.cdf(intRanks))).values).toEqual([0, 2, 6]);
    expect((await valuesOf(() => linear.density(intRanks))).values).toEqual([1, 1, 1]);
    expect((await valuesOf(() => linear.cdfFromLog!(boolRanks))).values.map((v) => Math.round(v * 1e6) / 1e6)).toEqual([1.718282, 1.718282, 0]);
    expect(seen).toEqual(['float32', 'float32', 'float32']);
    expectThrowNoLeak(() => linear.cdf([1, 2] as never), "linear.cdf: argument 'x' must be a tf.Tensor, got [1, 2]");
    expectThrowNoLeak(() => linear.cdfFromLog!(strings), "linear.cdfFromLog: argument 'logX' must be a tensor of dtype float32, int32 or bool, got \"dtype string\"");
  });

  it('isWeighting: false for anything without density and cdf functions', () => {
    for (const value of [null, undefined, NaN, 'power-law', {}, { density: () => 0 }, { cdf: () => 0 }]) expect(isWeighting(value)).toBe(false);
    expect(isWeighting(w)).toBe(true);
  });

  it('the shared inputs are still alive', () => {
    for (const t of [intRanks, floatRanks, boolRanks, onesAndZero, empty, emptyRows, matrix, strings, special]) expect(t.isDisposed).toBe(false);
  });
});
