/** kernelByName: each name gives the built-in kernel of that name, with the same values, and bad names throw. */
import * as tf from '@tensorflow/tfjs-core';
import { expectThrowNoLeak } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { exponential, hinge, isKernelName, KERNEL_NAMES, kernelByName, sigmoid, softplus, unitStep, type HingeKernel } from './index';

const x = [-20, -1.5, -0.25, 0, 0.3, 2, 15];
const values = (k: { apply: (t: tf.Tensor) => tf.Tensor }) => tf.tidy(() => Array.from(k.apply(tf.tensor1d(x)).dataSync()));

describe('kernelByName', () => {
  it('gives each built-in by its name, with the values of the constructor', () => {
    const direct = { 'unit-step': unitStep(), sigmoid: sigmoid(), softplus: softplus(), exponential: exponential(), hinge: hinge() };
    for (const name of KERNEL_NAMES) {
      const k = kernelByName(name);
      expect(k.name).toBe(name);
      expect(k.differentiable).toBe(direct[name].differentiable);
      expect(values(k)).toEqual(values(direct[name]));
    }
    // the math itself, for two of them: phi(x) = 1 / (1 + e^-x) and max(0, x + m)
    values(kernelByName('sigmoid')).forEach((v, i) => expect(Math.abs(v - 1 / (1 + Math.exp(-x[i])))).toBeLessThan(1e-6));
    expect(values(kernelByName('hinge', { margin: 1 }))).toEqual(x.map((v) => Math.max(0, Math.fround(v) + 1)).map(Math.fround));
    expect((kernelByName('hinge', { margin: 1 }) as HingeKernel).margin).toBe(1);
    expect((kernelByName('hinge') as HingeKernel).margin).toBe(0.5);
  });

  it('bad names and options throw naming the argument', () => {
    expect(isKernelName('tanh')).toBe(false);
    expectThrowNoLeak(() => kernelByName('tanh' as never), 'kernelByName: argument \'name\' must be one of unit-step, sigmoid, softplus, exponential, hinge, got "tanh"');
    expectThrowNoLeak(() => kernelByName('sigmoid', null as never), "kernelByName: argument 'options' must be an object, got null");
    expectThrowNoLeak(() => kernelByName('hinge', { margin: -1 }), "hinge: argument 'margin' must be a finite number >= 0, got -1");
  });
});
