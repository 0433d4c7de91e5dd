/** The shared helpers' contracts: the argument-error grammar, the tensor-input checks, customOp's gradient, mulberry32's stream. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { argumentError } from '@croloss/internal';
import { customOp } from './custom-op';
import { mulberry32 } from './mulberry32';
import { checkFloat32Matrix, checkNumericTensor, isRectangularNumbers, toFloatTensor, toFloatTensorOfRank } from './tensor-input';

// No @croloss/testing here (it depends on this package): leaks are counted with tf.memory() directly.
function expectThrowNoLeak(call: () => unknown, message: string): void {
  const before = tf.memory().numTensors;
  expect(call).toThrow(message);
  expect(tf.memory().numTensors).toBe(before);
}

describe('argumentError', () => {
  it('describes NaN, Infinity, strings, arrays, null, undefined and objects', () => {
    expect(argumentError('f', 'a', 'a number', NaN).message).toBe("f: argument 'a' must be a number, got NaN");
    expect(argumentError('f', 'a', 'x', -Infinity).message).toBe("f: argument 'a' must be x, got -Infinity");
    expect(argumentError('f', 'a', 'x', 'str').message).toBe('f: argument \'a\' must be x, got "str"');
    expect(argumentError('f', 'a', 'x', [1, 2]).message).toBe("f: argument 'a' must be x, got [1, 2]");
    expect(argumentError('f', 'a', 'x', null).message).toBe("f: argument 'a' must be x, got null");
    expect(argumentError('f', 'a', 'x', undefined).message).toBe("f: argument 'a' must be x, got undefined");
    expect(argumentError('f', 'a', 'x', {}).message).toBe("f: argument 'a' must be x, got object");
  });
});

describe('tensor-input checks', () => {
  it('isRectangularNumbers accepts rectangular number (and boolean) arrays only', () => {
    expect(isRectangularNumbers([[1, 2], [3, 4]])).toBe(true);
    expect(isRectangularNumbers([true, false])).toBe(true);
    expect(isRectangularNumbers(Float32Array.of(1, 2))).toBe(true);
    expect(isRectangularNumbers([[1, 2], [3]])).toBe(false);
    expect(isRectangularNumbers(['1'])).toBe(false);
    expect(isRectangularNumbers(3)).toBe(false);
  });

  it('toFloatTensorOfRank converts arrays, casts int32 and rejects a wrong rank without leaking', async () => {
    const t = toFloatTensorOfRank('f', 'x', [[1, 2]], 2, '[B, K]');
    expect(t.dtype).toBe('float32');
    expect(Array.from(await t.data())).toEqual([1, 2]);
    t.dispose();
    expectThrowNoLeak(() => toFloatTensorOfRank('f', 'x', [1, 2], 2, '[B, K]'), "f: argument 'x' must have rank 2 (shape [B, K]), got shape [2]");
    expectThrowNoLeak(() => toFloatTensorOfRank('f', 'x', [[1], [2, 3]], 2, '[B, K]'), "f: argument 'x' must be a tensor or a rectangular (nested) array of numbers of shape [B, K], got [1, 2,3]");
  });

  it('toFloatTensor passes float32 through, and with tensorsOnly rejects arrays', () => {
    const x = tf.tensor1d([1, 2]);
    expect(toFloatTensor('f', 'x', x)).toBe(x);
    x.dispose();
    expectThrowNoLeak(() => toFloatTensor('f', 'x', [1], true), "f: argument 'x' must be a tf.Tensor, got [1]");
    expectThrowNoLeak(() => toFloatTensor('f', 'x', 'a'), 'f: argument \'x\' must be a tensor, a number or a rectangular (nested) array of numbers, got "a"');
  });

  it('checkNumericTensor and checkFloat32Matrix name rank, dtype and layout', () => {
    const s = tf.tensor1d(['a'], 'string');
    const v = tf.zeros([2]);
    expectThrowNoLeak(() => checkNumericTensor('g', 'ids', v, 2, '[B, L]', 'bare'), "g: argument 'ids' must have rank 2 ([B, L]), got shape [2]");
    expectThrowNoLeak(() => checkNumericTensor('g', 'ids', s, 1, '[M]'), 'g: argument \'ids\' must be a tensor of dtype float32, int32 or bool (shape [M]), got "dtype string"');
    expectThrowNoLeak(() => checkFloat32Matrix('h', 'users', v, '[U, d]'), 'h: argument \'users\' must be a tf.Tensor2D [U, d], got "a tensor of shape [2]"');
    tf.dispose([s, v]);
  });
});

describe('customOp', () => {
  it('runs the forward function and differentiates with its gradFunc', async () => {
    // f(x) = x^3 with the analytic gradient 3 x^2
    const cube = customOp((x: tf.Tensor, save: tf.GradSaveFunc) => {
      save([x]);
      return { value: tf.pow(x, 3), gradFunc: (dy, saved) => tf.mul(dy, tf.mul(3, tf.square(saved[0]))) };
    });
    const x = tf.tensor1d([-1, 0.5, 2]);
    const before = tf.memory().numTensors;
    const y = cube(x);
    const g = tf.grad((t: tf.Tensor) => tf.sum(cube(t)))(x);
    expect(Array.from(await y.data())).toEqual([-1, 0.125, 8]);
    expect(Array.from(await g.data())).toEqual([3, 0.75, 12]);
    tf.dispose([y, g]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('mulberry32', () => {
  it('is the published mulberry32 stream: same seed, same floats in [0, 1); seeds differ', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(8)()).not.toBe(xs[0]);
    // the reference implementation (Tommy Ettinger's mulberry32) written out for seed 1, first output
    let s = (1 + 0x6d2b79f5) >>> 0;
    s = Math.imul(s ^ (s >>> 15), s | 1);
    s ^= s + Math.imul(s ^ (s >>> 7), s | 61);
    expect(mulberry32(1)()).toBe(((s ^ (s >>> 14)) >>> 0) / 4294967296);
    // mean of 1000 uniform draws within 4 standard errors of 1/2
    expect(Math.abs(xs.reduce((p, x) => p + x, 0) / 1000 - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / 1000));
  });
});
