/**
 * Bad-input matrix of @croloss/kernels: every public function against every applicable category.
 * ✓ = tested here, ✓(file) = tested in that file, n.a. = the category does not apply to the function.
 *
 * | function                 | wrong rank | shapes | NaN / Inf input   | bad parameter   | empty tensor | int / bool dtype | not a tensor | leaks on throw |
 * |--------------------------|------------|--------|-------------------|-----------------|--------------|------------------|--------------|----------------|
 * | unitStep().apply         | ✓ any rank | n.a.   | ✓ NaN→NaN, limits  | n.a.            | ✓            | ✓ = float32      | ✓ throws     | ✓              |
 * | sigmoid().apply          | ✓ any rank | n.a.   | ✓ NaN→NaN, limits  | n.a.            | ✓            | ✓ = float32      | ✓ throws     | ✓              |
 * | exponential().apply/log  | ✓ any rank | n.a.   | ✓ NaN→NaN, limits  | n.a.            | ✓            | ✓ = float32      | ✓ throws     | ✓              |
 * | softplus().apply         | ✓ any rank | n.a.   | ✓ NaN→NaN, limits  | n.a.            | ✓            | ✓ = float32      | ✓ throws     | ✓              |
 * | hinge(options).apply     | ✓ any rank | n.a.   | ✓ NaN→NaN, limits  | ✓ margin        | ✓            | ✓ = float32      | ✓ throws     | ✓              |
 * | defineKernel             | n.a.       | n.a.   | n.a.              | ✓ definition    | n.a.         | ✓ custom apply   | ✓ throws     | ✓              |
 * | isComparisonKernel       | n.a.       | n.a.   | n.a.              | ✓ → false       | n.a.         | n.a.             | n.a.         | n.a.           |
 * | checkKernelConditions    | n.a.       | n.a.   | ✓ NaN kernel      | ✓ options       | n.a.         | n.a.             | ✓(check-…)   | ✓              |
 * | castToFloat32            | n.a.       | n.a.   | n.a.              | n.a.            | n.a.         | ✓(cast-to-…)     | n.a.         | ✓(cast-to-…)   |
 *
 * "zero negatives", "empty batch" and "every negative masked" are loss-level categories: here they are an
 * empty tensor ([0, K] or [B, 0]), which every kernel maps to an empty tensor of the same shape.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expectThrowNoLeak, tensorValues as valuesOf } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import {
  checkKernelConditions, defineKernel, exponential, hinge, isComparisonKernel, sigmoid, softplus, unitStep,
  type ComparisonKernel,
} from './index';

const kernels: ComparisonKernel[] = [unitStep(), sigmoid(), exponential(), softplus(), hinge()];
/** phi(-Inf), phi(+Inf) of each kernel: the limits of the math (eq. 15 kernels, section 3.4). */
const limits: Record<string, [number, number]> = {
  'unit-step': [0, 1],
  sigmoid: [0, 1],
  exponential: [0, Infinity],
  softplus: [0, Infinity],
  hinge: [0, Infinity],
};

describe('kernels: bad-input matrix', () => {
  // inputs made once, outside every counted region
  const floats = tf.tensor1d([-2, -1, 0, 1, 3]);
  const ints = tf.tensor1d([-2, -1, 0, 1, 3], 'int32');
  const bools = tf.tensor1d([1, 0, 1], 'bool');
  const boolsAsFloat = tf.tensor1d([1, 0, 1]);
  const special = tf.tensor1d([NaN, -Infinity, Infinity]);
  const noColumns = tf.zeros([3, 0]);
  const noRows = tf.zeros([0, 4]);
  const scalar = tf.scalar(0.25);
  const rank3 = tf.fill([2, 1, 2], 0.25);
  const strings = tf.tensor1d(['a', 'b']);

  for (const kernel of kernels) {
    const applies: Array<[string, (x: tf.Tensor) => tf.Tensor]> = [['apply', kernel.apply]];
    if (kernel.logApply) applies.push(['logApply', kernel.logApply]);
    for (const [method, apply] of applies) {
      const where = `${kernel.name}.${method}`;

      it(`${where}: int32 input gives float32 values equal to the float32 input's`, async () => {
        const fromInts = await valuesOf(() => apply(ints));
        const fromFloats = await valuesOf(() => apply(floats));
        expect(fromInts.dtype).toBe('float32');
        expect(fromInts.values).toEqual(fromFloats.values);
      });

      it(`${where}: bool input is read as 0 / 1 float32`, async () => {
        expect((await valuesOf(() => apply(bools))).values).toEqual((await valuesOf(() => apply(boolsAsFloat))).values);
      });

      it(`${where}: any rank, same shape; empty tensors ([B, 0] and [0, K]) give empty tensors`, async () => {
        expect((await valuesOf(() => apply(scalar))).shape).toEqual([]);
        const r3 = await valuesOf(() => apply(rank3));
        expect(r3.shape).toEqual([2, 1, 2]);
        expect(new Set(r3.values).size).toBe(1);
        expect(await valuesOf(() => apply(noColumns))).toEqual({ dtype: 'float32', shape: [3, 0], values: [] });
        expect(await valuesOf(() => apply(noRows))).toEqual({ dtype: 'float32', shape: [0, 4], values: [] });
      });

      it(`${where}: NaN propagates, -Inf and +Inf give the kernel's limits`, async () => {
        const [nan, minusInf, plusInf] = (await valuesOf(() => apply(special))).values;
        expect(nan).toBeNaN();
        const [low, high] = method === 'logApply' ? [-Infinity, Infinity] : limits[kernel.name];
        expect(minusInf).toBe(low);
        expect(plusInf).toBe(high);
      });

      it(`${where}: rejects what is not a numeric tensor, naming the kernel, and leaks nothing`, () => {
        expectThrowNoLeak(() => apply([0.5, 1] as never), `${where}: argument 'x' must be a tf.Tensor, got [0.5, 1]`);
        expectThrowNoLeak(() => apply(undefined as never), `${where}: argument 'x' must be a tf.Tensor, got undefined`);
        expectThrowNoLeak(() => apply(strings), `${where}: argument 'x' must be a tensor of dtype float32, int32 or bool, got "dtype string"`);
      });
    }
  }

  it('every kernel: a -Inf gap has phi = 0 and a zero (finite) gradient', async () => {
    for (const kernel of kernels) {
      const fn = kernel.logApply ? (x: tf.Tensor) => tf.exp(kernel.logApply!(x)) : kernel.apply;
      const grad = await valuesOf(() => tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(fn(x)))(tf.tensor1d([-Infinity, 0.5]))));
      expect(grad.values[0], kernel.name).toBe(0);
      expect(Number.isFinite(grad.values[1]), kernel.name).toBe(true);
    }
  });

  const hingeCases: Array<[string, unknown, string]> = [
    ['-1', -1, 'got -1'],
    ['NaN', NaN, 'got NaN'],
    ['Infinity', Infinity, 'got Infinity'],
    ['a string', '0.5', 'got "0.5"'],
  ];
  for (const [label, margin, got] of hingeCases) {
    it(`hinge: rejects margin ${label}`, () => {
      expectThrowNoLeak(() => hinge({ margin: margin as number }), "hinge: argument 'margin' must be a finite number >= 0", got);
    });
  }
  it('hinge: margin 0 is allowed and gives relu', async () => {
    expect((await valuesOf(() => hinge({ margin: 0 }).apply(floats))).values).toEqual([0, 0, 0, 1, 3]);
  });

  const definitionCases: Array<[string, unknown, string[]]> = [
    ['null', null, ["defineKernel: argument 'definition' must be an object { name, apply }", 'got null']],
    ['a number', 3, ["defineKernel: argument 'definition' must be an object { name, apply }", 'got 3']],
    ['a numeric name', { name: 7, apply: (x: tf.Tensor) => x }, ["defineKernel: argument 'name' must be a non-empty string", 'got 7']],
    ['a non-function logApply', { name: 'k', apply: (x: tf.Tensor) => x, logApply: 1 }, ["defineKernel: argument 'logApply' must be a function (x: Tensor) => Tensor or undefined", 'got 1']],
  ];
  for (const [label, definition, fragments] of definitionCases) {
    it(`defineKernel: rejects ${label}`, () => expectThrowNoLeak(() => defineKernel(definition as never), ...fragments));
  }

  it('defineKernel: a custom kernel gets float32 input and runs in tf.tidy (no intermediate leaks)', async () => {
    let seen = '';
    const wasteful = defineKernel({
      name: 'wasteful',
      apply: (x) => {
        seen = x.dtype;
        const doubled = tf.mul(x, 2); // an intermediate the kernel does not dispose
        return tf.sigmoid(tf.sub(doubled, x));
      },
    });
    const fromInts = await valuesOf(() => wasteful.apply(ints));
    expect(seen).toBe('float32');
    expect(fromInts.values).toEqual((await valuesOf(() => sigmoid().apply(floats))).values);
  });

  it('isComparisonKernel: false for anything without a name and an apply function', () => {
    for (const value of [null, undefined, NaN, 'sigmoid', {}, { name: 'x' }, { apply: () => 0 }, { name: 1, apply: () => 0 }]) {
      expect(isComparisonKernel(value)).toBe(false);
    }
    expect(isComparisonKernel(sigmoid())).toBe(true);
  });

  const optionCases: Array<[string, object, string]> = [
    ['range NaN', { range: NaN }, "checkKernelConditions: argument 'range' must be a finite number > 0, got NaN"],
    ['range 0', { range: 0 }, "checkKernelConditions: argument 'range' must be a finite number > 0, got 0"],
    ['points 1', { points: 1 }, "checkKernelConditions: argument 'points' must be an integer >= 2, got 1"],
    ['points 2.5', { points: 2.5 }, "checkKernelConditions: argument 'points' must be an integer >= 2, got 2.5"],
    ['far Infinity', { far: Infinity }, "checkKernelConditions: argument 'far' must be a finite number > 0, got Infinity"],
    ['tolerance -1', { tolerance: -1 }, "checkKernelConditions: argument 'tolerance' must be a finite number >= 0, got -1"],
    ['options null', null as never, "checkKernelConditions: argument 'options' must be an object { range?, points?, far?, tolerance? }, got null"],
  ];
  for (const [label, options, message] of optionCases) {
    it(`checkKernelConditions: rejects ${label}`, () => expectThrowNoLeak(() => checkKernelConditions(sigmoid(), options), message));
  }

  it('checkKernelConditions: a kernel that returns NaN fails conditions i-v instead of throwing; one that throws leaks nothing', async () => {
    const nanKernel = defineKernel({ name: 'nan', apply: (x) => tf.mul(x, NaN) });
    const report = checkKernelConditions(nanKernel);
    expect(report.ok).toBe(false);
    expect(report.conditions.map((c) => c.holds)).toEqual([false, false, false, false, false]);
    const throwing = defineKernel({ name: 'throws', apply: (x) => { tf.mul(x, 2); throw new Error('boom'); } });
    expectThrowNoLeak(() => checkKernelConditions(throwing), 'boom');
  });

  it('the shared inputs are still alive (nothing above disposed them)', () => {
    for (const t of [floats, ints, bools, boolsAsFloat, special, noColumns, noRows, scalar, rank3, strings]) expect(t.isDisposed).toBe(false);
  });
});
