/// <reference types="node" />
/**
 * The fused kernels against the composed tfjs ops on the same webgpu backend (the kernels unregistered), through
 * croLossFromScores and lambdaCroLossFromScores: values and gradients, every kernel, ragged sizes, masks with
 * all-masked rows, extreme gaps. Runs when CROLOSS_WEBGPU=1 (Mesa lavapipe in CI); reads back with `await data()`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { defineKernel, exponential, hinge, sigmoid, softplus, unitStep, type ComparisonKernel } from '@croloss/kernels';
import { croLossFromScores, lambdaCroLossFromScores } from '@croloss/loss';
import { logRankStatistic, rankStatistic } from '@croloss/loss/blocks';
import { maxMismatch, randomNormalArray } from '@croloss/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSED_ROW_SUMS_GRAD_KERNEL, FUSED_ROW_SUMS_KERNEL, fusedRankKernelsRegistered, registerFusedRankKernels, unregisterFusedRankKernels } from './index';
import { setUpNodeWebGPU } from './webgpu.test-helpers';

const enabled = process.env.CROLOSS_WEBGPU === '1';
const TOLERANCE = 1e-4;

/** hinge() of @croloss/kernels: it exposes its margin, which the loss needs to fuse it. */
function hingeWithMargin(margin: number): ComparisonKernel {
  return hinge({ margin });
}

const KERNELS: Record<string, ComparisonKernel> = {
  sigmoid: sigmoid(),
  softplus: softplus(),
  exponential: exponential(),
  'hinge (margin 0.5, exposed)': hingeWithMargin(0.5),
  'unit-step': unitStep(),
};

const calls = { forward: 0, backward: 0 };

/** Wraps the registered kernels to count their calls, so each test can check which path ran. */
function countCalls(): void {
  for (const [name, key] of [[FUSED_ROW_SUMS_KERNEL, 'forward'], [FUSED_ROW_SUMS_GRAD_KERNEL, 'backward']] as const) {
    const config = tf.getKernel(name, 'webgpu');
    tf.unregisterKernel(name, 'webgpu');
    tf.registerKernel({
      ...config,
      kernelFunc: ((args: Parameters<typeof config.kernelFunc>[0]) => {
        calls[key] += 1;
        return config.kernelFunc(args);
      }) as typeof config.kernelFunc,
    });
  }
}

/** Runs `fn` in a tidy on webgpu with the fused kernels registered or not; reads every output back. */
async function run(fused: boolean, fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  const saved: tf.KernelConfig[] = [];
  if (!fused) {
    for (const name of [FUSED_ROW_SUMS_KERNEL, FUSED_ROW_SUMS_GRAD_KERNEL]) {
      saved.push(tf.getKernel(name, 'webgpu'));
      tf.unregisterKernel(name, 'webgpu');
    }
  }
  try {
    const outputs = tf.tidy(fn);
    const values = await Promise.all(outputs.map(async (t) => Float32Array.from(await t.data())));
    tf.dispose(outputs);
    return values;
  } finally {
    for (const config of saved) tf.registerKernel(config);
  }
}

/** Fused vs composed: the outputs agree to TOLERANCE, and the fused run called the forward (and backward) kernel. */
async function expectAgreement(fn: () => tf.Tensor[], expectFused: { forward: number; backward: number }, composedOn: 'webgpu' | 'cpu' = 'webgpu') {
  let composed: Float32Array[];
  if (composedOn === 'cpu') {
    await tf.setBackend('cpu');
    try {
      composed = await run(true, fn); // the fused kernels exist for webgpu only: cpu composes
    } finally {
      await tf.setBackend('webgpu');
    }
  } else {
    composed = await run(false, fn);
  }
  const before = { ...calls };
  const fused = await run(true, fn);
  expect(calls.forward - before.forward, 'forward kernel calls').toBe(expectFused.forward);
  expect(calls.backward - before.backward, 'backward kernel calls').toBe(expectFused.backward);
  composed.forEach((expected, i) => expect(maxMismatch(fused[i], expected), `output ${i}`).toBeLessThan(TOLERANCE));
}

interface Case {
  batch: number;
  k: number;
  masked: boolean;
  extreme?: boolean;
}

/** Scores, tau 10: N(0, 0.4) (gaps of about +-6); `extreme` puts +-1000 into a third of them (gaps of +-1e4). */
function inputs(seed: number, { batch, k, masked, extreme }: Case) {
  const pos = Array.from(randomNormalArray(seed, batch, 0, 0.4));
  const neg = Array.from(randomNormalArray(seed + 1, batch * k, 0, 0.4));
  if (extreme) {
    for (let i = 0; i < neg.length; i += 3) neg[i] = i % 2 === 0 ? 1000 : -1000;
    if (batch > 1) pos[batch - 1] = -1000;
  }
  // a third of the entries dropped, and the first row entirely when there are several rows
  const mask = Array.from({ length: batch * k }, (_, i) => (i % 3 === 1 || (batch > 1 && i < k) ? 0 : 1));
  return {
    pos: () => tf.tensor1d(pos),
    neg: () => tf.tensor2d(neg, [batch, k]),
    mask: masked ? () => tf.tensor2d(mask, [batch, k]) : () => undefined,
  };
}

const SIZES: Case[] = [
  { batch: 1, k: 1, masked: false },
  { batch: 3, k: 7, masked: true },
  { batch: 1, k: 255, masked: false },
  { batch: 3, k: 257, masked: true },
  { batch: 3, k: 5120, masked: false },
  { batch: 512, k: 7, masked: true },
  { batch: 512, k: 257, masked: false },
  { batch: 512, k: 5120, masked: true },
];

describe.skipIf(!enabled)('fused rank statistic kernels on webgpu (lavapipe in CI) against the composed ops', () => {
  beforeAll(async () => {
    await setUpNodeWebGPU();
    registerFusedRankKernels();
    countCalls();
  });
  afterAll(async () => {
    unregisterFusedRankKernels();
    registerFusedRankKernels();
    await tf.setBackend('cpu');
  });

  for (const [name, kernel] of Object.entries(KERNELS)) {
    const gradCalls = kernel.differentiable ? 1 : 0;
    for (const size of SIZES) {
      it(`croLossFromScores, ${name}, B ${size.batch} x K ${size.k}${size.masked ? ', masked' : ''}: values and gradients`, async () => {
        const x = inputs(size.batch * 7919 + size.k, size);
        await expectAgreement(() => {
          const f = (p: tf.Tensor, n: tf.Tensor) => croLossFromScores(p, n, { kernel, alpha: 1.2, numItems: 313966, tau: 10, mask: x.mask() });
          const [gp, gn] = tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(f(p, n)))([x.pos(), x.neg()]);
          return [f(x.pos(), x.neg()), gp, gn];
        }, { forward: 2, backward: gradCalls });
      });
    }
    it(`croLossFromScores, ${name}, extreme gaps of +-1e4 (alpha 1, so the exponential stays finite), masked`, async () => {
      const x = inputs(11, { batch: 5, k: 300, masked: true, extreme: true });
      await expectAgreement(() => {
        const f = (p: tf.Tensor, n: tf.Tensor) => croLossFromScores(p, n, { kernel, alpha: 1, numItems: 313966, tau: 10, mask: x.mask() });
        const [gp, gn] = tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(f(p, n)))([x.pos(), x.neg()]);
        return [f(x.pos(), x.neg()), gp, gn];
      }, { forward: 2, backward: gradCalls });
    });
  }

  const pairs: Array<[string, ComparisonKernel, ComparisonKernel]> = [
    ['sigmoid / softplus (W1)', sigmoid(), softplus()],
    ['unit-step / sigmoid', unitStep(), sigmoid()],
    ['softplus / exponential', softplus(), exponential()],
    ['exponential / hinge (exposed margin 0.3)', exponential(), hingeWithMargin(0.3)],
    ['hinge (exposed margin 0) / softplus', hingeWithMargin(0), softplus()],
  ];
  for (const [name, weightKernel, gradientKernel] of pairs) {
    for (const size of SIZES) {
      it(`lambdaCroLossFromScores, ${name}, B ${size.batch} x K ${size.k}${size.masked ? ', masked' : ''}: values and gradients`, async () => {
        const x = inputs(size.batch * 104729 + size.k, size);
        await expectAgreement(() => {
          const f = (p: tf.Tensor, n: tf.Tensor) =>
            lambdaCroLossFromScores(p, n, { weightKernel, gradientKernel, alpha: 1, numItems: 313966, tau: 10, mask: x.mask() });
          const [gp, gn] = tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(f(p, n)))([x.pos(), x.neg()]);
          return [f(x.pos(), x.neg()), gp, gn];
        }, { forward: 2, backward: 1 });
      });
    }
  }

  it('lambdaCroLossFromScores with extreme gaps of +-1e4 (sigmoid / softplus, masked), through tf.valueAndGrad', async () => {
    const x = inputs(13, { batch: 5, k: 300, masked: true, extreme: true });
    await expectAgreement(() => {
      const { value, grad } = tf.valueAndGrad((n: tf.Tensor) =>
        lambdaCroLossFromScores(x.pos(), n, { alpha: 1.5, numItems: 313966, tau: 10, mask: x.mask(), reduction: 'sum' }) as tf.Scalar,
      )(x.neg());
      return [value, grad];
    }, { forward: 1, backward: 1 });
  });

  for (const [name, kernel] of Object.entries(KERNELS)) {
    for (const size of [{ batch: 3, k: 257, masked: true }, { batch: 64, k: 5120, masked: false }]) {
      it(`croLossFromScores, ${name}, B ${size.batch} x K ${size.k}: fused on webgpu against composed on cpu`, async () => {
        const x = inputs(size.batch + size.k, size);
        await expectAgreement(() => {
          const f = (p: tf.Tensor, n: tf.Tensor) => croLossFromScores(p, n, { kernel, alpha: 1.2, numItems: 313966, tau: 10, mask: x.mask() });
          const [gp, gn] = tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(f(p, n)))([x.pos(), x.neg()]);
          return [f(x.pos(), x.neg()), gp, gn];
        }, { forward: 2, backward: kernel.differentiable ? 1 : 0 }, 'cpu');
      });
    }
  }

  it('lambdaCroLossFromScores, sigmoid / softplus, B 512 x K 5120 (W3): fused on webgpu against composed on cpu', async () => {
    const x = inputs(3, { batch: 512, k: 5120, masked: false });
    await expectAgreement(() => {
      const f = (n: tf.Tensor) => lambdaCroLossFromScores(tf.zeros([512]), n, { alpha: 1, tau: 1, normalize: false, reduction: 'sum' }) as tf.Scalar;
      const { value, grad } = tf.valueAndGrad(f)(x.neg());
      return [value, grad];
    }, { forward: 1, backward: 1 }, 'cpu');
  });

  it('rankStatistic and logRankStatistic on raw gaps: scalar and per-row scale, bool mask, exact values', async () => {
    const gaps = () => tf.tensor2d([[-1, 0, 2, 1e4], [-1e4, 0.5, NaN, 3]]);
    const mask = () => tf.tensor2d([[1, 1, 1, 0], [1, 0, 0, 1]]);
    await expectAgreement(() => [
      rankStatistic(gaps(), unitStep(), mask(), 2),
      rankStatistic(gaps(), sigmoid(), tf.greater(mask(), 0) as tf.Tensor2D, tf.tensor1d([3, 0.5])),
      logRankStatistic(gaps(), exponential(), mask(), tf.tensor1d([3, 0.5])),
      rankStatistic(gaps(), hingeWithMargin(0.25), mask(), 1),
    ], { forward: 4, backward: 0 });
    const [step] = await run(true, () => [rankStatistic(tf.tensor2d([[-1, 0, 2]]), unitStep(), null, 1)]);
    expect(Array.from(step)).toEqual([3]);
    const [logR] = await run(true, () => [logRankStatistic(tf.tensor2d([[0, 1e4]]), exponential(), null, 1)]);
    expect(logR[0]).toBeCloseTo(1e4, 0);
  });

  it('more rows than one dispatch dimension holds (B 70,000 x K 3: workgroups folded into y), values and gradients', async () => {
    const x = inputs(19, { batch: 70_000, k: 3, masked: true });
    await expectAgreement(() => {
      const f = (n: tf.Tensor) => lambdaCroLossFromScores(x.pos(), n, { numItems: 1000, tau: 10, mask: x.mask(), reduction: 'sum' }) as tf.Scalar;
      const { value, grad } = tf.valueAndGrad(f)(x.neg());
      return [value, grad, croLossFromScores(x.pos(), x.neg(), { kernel: exponential(), tau: 10, mask: x.mask() })];
    }, { forward: 2, backward: 1 });
  });

  it('fuses hinge() (it exposes its margin)', async () => {
    const before = calls.forward;
    await run(true, () => [rankStatistic(tf.tensor2d([[0, 1]]), hinge(), null, 1)]);
    expect(calls.forward).toBe(before + 1);
  });

  it('keeps the composed path for custom kernels and for a hinge without an exposed margin', async () => {
    const before = calls.forward;
    const hiddenMargin = defineKernel({ name: 'hinge', apply: (t) => tf.relu(tf.add(t, 0.5)) });
    await run(true, () => [
      rankStatistic(tf.tensor2d([[0, 1]]), hiddenMargin, null, 1),
      croLossFromScores(tf.tensor1d([0]), tf.tensor2d([[0, 1]]), { kernel: { name: 'sigmoid', differentiable: true, apply: (t) => tf.sigmoid(t), logApply: (t) => t } }),
    ]);
    expect(calls.forward).toBe(before);
    expect(fusedRankKernelsRegistered()).toBe(true);
  });

  it('leaves no tensor behind: value and gradient, fused, masked with per-row scales', async () => {
    const x = inputs(17, { batch: 4, k: 33, masked: true });
    const pos = x.pos();
    const neg = x.neg();
    const mask = x.mask() as tf.Tensor;
    const step = () =>
      tf.valueAndGrad((n: tf.Tensor) => tf.add(
        tf.sum(croLossFromScores(pos, n, { kernel: exponential(), numItems: 1000, tau: 10, mask })),
        tf.sum(lambdaCroLossFromScores(pos, n, { numItems: 1000, tau: 10, mask })),
      ) as tf.Scalar)(neg);
    const warm = step(); // compiles the programs
    await warm.grad.data();
    tf.dispose([warm.value, warm.grad]);
    const tensors = tf.memory().numTensors;
    const forward = calls.forward;
    const { value, grad } = step();
    await grad.data();
    tf.dispose([value, grad]);
    expect(calls.forward - forward).toBe(2);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([pos, neg, mask]);
  });
});
