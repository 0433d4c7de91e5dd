/** Tests of checkKernelConditions (CROLoss section 3.4). */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkKernelConditions, defineKernel, exponential, hinge, sigmoid, softplus, unitStep } from './index';

describe('checkKernelConditions (CROLoss section 3.4)', () => {
  it('accepts the paper kernels', () => {
    for (const kernel of [unitStep(), sigmoid(), exponential(), softplus(), hinge({ margin: 0.5 }), hinge({ margin: 1 })]) {
      const report = checkKernelConditions(kernel);
      expect(report.ok, JSON.stringify(report)).toBe(true);
    }
  });

  it('flags the paper text margin m = 5 (phi(0) = 5 > 1) and only that condition', () => {
    const report = checkKernelConditions(hinge({ margin: 5 }));
    expect(report.ok).toBe(false);
    expect(report.conditions.filter((c) => !c.holds).map((c) => c.id)).toEqual(['iv']);
  });

  it('flags a decreasing kernel, one with a non-zero left limit, and one bounded below 1', () => {
    const decreasing = defineKernel({ name: 'reverse-sigmoid', apply: (x) => tf.sigmoid(tf.neg(x)) });
    const lifted = defineKernel({ name: 'lifted', apply: (x) => tf.add(0.2, tf.mul(0.8, tf.sigmoid(x))) });
    const capped = defineKernel({ name: 'capped', apply: (x) => tf.minimum(tf.sigmoid(x), 0.8) });
    const failing = (k: Parameters<typeof checkKernelConditions>[0]) =>
      checkKernelConditions(k).conditions.filter((c) => !c.holds).map((c) => c.id);
    expect(failing(decreasing)).toEqual(['ii', 'iii', 'v']);
    expect(failing(lifted)).toEqual(['iii']);
    expect(failing(capped)).toEqual(['v']);
  });

  it('flags a kernel whose gradient is not finite', () => {
    const sqrt = defineKernel({ name: 'sqrt-relu', apply: (x) => tf.sqrt(tf.relu(x)) });
    expect(checkKernelConditions(sqrt).conditions[0].holds).toBe(false);
  });

  it('rejects what is not a kernel, and bad definitions, naming the argument', () => {
    expect(() => checkKernelConditions({} as never)).toThrow("checkKernelConditions: argument 'kernel'");
    expect(() => defineKernel({ name: '', apply: (x) => x })).toThrow("defineKernel: argument 'name' must be a non-empty string");
    expect(() => defineKernel({ name: 'x' } as never)).toThrow("argument 'apply'");
  });
});
