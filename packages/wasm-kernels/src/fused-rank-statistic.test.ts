/// <reference types="node" />
/**
 * The fused wasm kernels (plain JS and SIMD) against the composed tfjs ops on the same wasm backend (the kernels
 * unregistered) and on cpu, through croLossFromScores and lambdaCroLossFromScores: values and gradients, every
 * kernel, ragged sizes, masks with all-masked rows, gaps of +-1e4, bool masks, per-row scales; leak checks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { defineKernel, exponential, hinge, sigmoid, softplus, unitStep, type ComparisonKernel } from '@croloss/kernels';
import { croLossFromScores, lambdaCroLossFromScores } from '@croloss/loss';
import { logRankStatistic, rankStatistic } from '@croloss/loss/blocks';
import { maxMismatch, randomNormalArray } from '@croloss/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FUSED_ROW_SUMS_GRAD_KERNEL,
  FUSED_ROW_SUMS_KERNEL,
  FUSED_SCORE_ROW_SUMS_GRAD_KERNEL,
  FUSED_SCORE_ROW_SUMS_KERNEL,
  registerWasmRankKernels,
  setWasmKernelImpl,
  simdAvailable,
  unregisterWasmRankKernels,
  wasmRankKernelsRegistered,
  type WasmKernelImpl,
} from './index';
import { setUpWasm } from './wasm.test-helpers';

/**
 * Values (R, the loss) agree to 1e-5 relative, entry by entry. Gradients agree to 2e-5 relative to the output's
 * largest entry (norm-wise): they pass through w(R) = R^-alpha, which turns a relative difference d of R (the
 * composed float32 row sum of 5,000 terms against the fused float64 one) into about (1 + alpha) d. Entry by entry
 * the composed sigmoid gradient y (1 - y) in float32 loses digits to the cancellation 1 - y near y = 1 (2.4e-5
 * relative at g = 6, 1e-2 at g = 13, for one ulp of y); the fused kernels compute it as e^-|g| / (1 + e^-|g|)^2.
 */
const TOLERANCE = 1e-5;
const GRADIENT_TOLERANCE = 2e-5;

/** max_i |a_i - b_i| / max_i |b_i| (0 for an all-zero reference that is matched exactly). */
function normwiseMismatch(actual: Float32Array, expected: Float32Array): number {
  let scale = 0;
  for (const b of expected) if (Number.isFinite(b)) scale = Math.max(scale, Math.abs(b));
  return maxMismatch(actual, expected, Math.max(scale, 1e-30));
}

const KERNELS: Record<string, ComparisonKernel> = {
  sigmoid: sigmoid(),
  softplus: softplus(),
  exponential: exponential(),
  'hinge (margin 0.5)': hinge({ margin: 0.5 }),
  'unit-step': unitStep(),
};

/** The four kernels, by short names: the gaps form's forward and backward, the scores form's. */
const NAMES = {
  forward: FUSED_ROW_SUMS_KERNEL,
  backward: FUSED_ROW_SUMS_GRAD_KERNEL,
  scoreForward: FUSED_SCORE_ROW_SUMS_KERNEL,
  scoreBackward: FUSED_SCORE_ROW_SUMS_GRAD_KERNEL,
} as const;
type Counted = keyof typeof NAMES;
const calls: Record<Counted, number> = { forward: 0, backward: 0, scoreForward: 0, scoreBackward: 0 };

/** Wraps the registered kernels to count their calls, so each test can check which path ran. */
function countCalls(): void {
  for (const [key, name] of Object.entries(NAMES) as Array<[Counted, string]>) {
    const config = tf.getKernel(name, 'wasm');
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({
      ...config,
      kernelFunc: ((args: Parameters<typeof config.kernelFunc>[0]) => {
        calls[key] += 1;
        return config.kernelFunc(args);
      }) as typeof config.kernelFunc,
    });
  }
}

/** Runs `fn` in a tidy on wasm with the fused kernels registered or not; reads every output back. */
async function run(fused: boolean, fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  const saved: tf.KernelConfig[] = [];
  if (!fused) {
    for (const name of Object.values(NAMES)) {
      saved.push(tf.getKernel(name, 'wasm'));
      tf.unregisterKernel(name, 'wasm');
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

/** Composed (wasm, or cpu) against fused with each implementation: outputs agree to TOLERANCE; the kernels ran. */
async function expectAgreement(
  fn: () => tf.Tensor[],
  expectFused: Partial<Record<Counted, number>>,
  composedOn: 'wasm' | 'cpu' = 'wasm',
  positiveGradient: { output: number; negatives: number } | null = null,
) {
  let composed: Float32Array[];
  if (composedOn === 'cpu') {
    await tf.setBackend('cpu');
    try {
      composed = await run(true, fn);
    } finally {
      await tf.setBackend('wasm');
    }
  } else {
    composed = await run(false, fn);
  }
  for (const impl of ['js', 'simd'] as WasmKernelImpl[]) {
    setWasmKernelImpl(impl);
    const before = { ...calls };
    const fused = await run(true, fn);
    for (const key of Object.keys(NAMES) as Counted[]) {
      expect(calls[key] - before[key], `${impl}: ${NAMES[key]} calls`).toBe(expectFused[key] ?? 0);
    }
    composed.forEach((expected, i) => {
      if (expected.length === 1 || i === 0) {
        expect(maxMismatch(fused[i], expected), `${impl}: output ${i}`).toBeLessThan(TOLERANCE);
      } else if (positiveGradient && i === positiveGradient.output) {
        // d/ds_pos = -sum_k d/ds_neg: the scores kernel sums its own dNegatives (in float64 for the JS path, blocks of
        // float32 for SIMD), so it is checked against that identity in float64, and against the composed float32
        // reduction of K terms within that reduction's error bound K 2^-24 (relative, norm-wise)
        const k = fused[positiveGradient.negatives].length / fused[i].length;
        const identity = Float32Array.from(fused[i], (_, b) => {
          let sum = 0;
          for (let j = 0; j < k; j++) sum += fused[positiveGradient.negatives][b * k + j];
          return -sum;
        });
        // the scores kernel sums its own output; the gaps path's positive gradient is tfjs's float32 Sum
        const identityTolerance = (expectFused.scoreBackward ?? 0) > 0 ? 1e-6 : k * 2 ** -24;
        expect(normwiseMismatch(fused[i], identity), `${impl}: output ${i} = -row sums of output ${positiveGradient.negatives}`).toBeLessThan(identityTolerance);
        expect(normwiseMismatch(fused[i], expected), `${impl}: output ${i} (norm-wise)`).toBeLessThan(Math.max(GRADIENT_TOLERANCE, k * 2 ** -24));
      } else {
        expect(normwiseMismatch(fused[i], expected), `${impl}: output ${i} (norm-wise)`).toBeLessThan(GRADIENT_TOLERANCE);
      }
    });
  }
  setWasmKernelImpl('simd');
}

/** The outputs [value, d/ds_pos, d/ds_neg] of the tests that differentiate both scores. */
const POSITIVE_GRADIENT = { output: 1, negatives: 2 };

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
  { batch: 2, k: 5123, masked: false },
  { batch: 64, k: 130, masked: true },
];

describe('fused rank statistic kernels on wasm against the composed ops', () => {
  beforeAll(async () => {
    await setUpWasm();
    registerWasmRankKernels();
    countCalls();
  });
  afterAll(async () => {
    unregisterWasmRankKernels();
    registerWasmRankKernels();
    await tf.setBackend('cpu');
  });

  it('the SIMD module compiled from the repository source runs on this heap', () => {
    expect(simdAvailable(tf.backend() as never)).toBe(true);
  });

  /** Kernel calls of croLossFromScores's value and gradient: the scores kernels (the exponential in their log-sum-exp form). */
  const croCalls = (kernel: ComparisonKernel): Partial<Record<Counted, number>> => ({ scoreForward: 2, scoreBackward: kernel.differentiable ? 1 : 0 });
  for (const [name, kernel] of Object.entries(KERNELS)) {
    for (const size of SIZES) {
      it(`croLossFromScores, ${name}, B ${size.batch} x K ${size.k}${size.masked ? ', masked' : ''}: values and gradients`, async () => {
        const x = inputs(size.batch * 7919 + size.k, size);
        await expectAgreement(() => {
          const f = (p: tf.Tensor, n: tf.Tensor) => croLossFromScores(p, n, { kernel, alpha: 1.2, numItems: 313966, tau: 10, mask: x.mask() });
          const [gp, gn] = tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(f(p, n)))([x.pos(), x.neg()]);
          return [f(x.pos(), x.neg()), gp, gn];
        }, croCalls(kernel), 'wasm', POSITIVE_GRADIENT);
      });
    }
    it(`croLossFromScores, ${name}, extreme gaps of +-1e4, masked`, async () => {
      const x = inputs(11, { batch: 5, k: 300, masked: true, extreme: true });
      await expectAgreement(() => {
        const f = (p: tf.Tensor, n: tf.Tensor) => croLossFromScores(p, n, { kernel, alpha: 1, numItems: 313966, tau: 10, mask: x.mask() });
        const [gp, gn] = tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(f(p, n)))([x.pos(), x.neg()]);
        return [f(x.pos(), x.neg()), gp, gn];
      }, croCalls(kernel), 'wasm', POSITIVE_GRADIENT);
    });
  }

  const pairs: Array<[string, ComparisonKernel, ComparisonKernel]> = [
    ['sigmoid / softplus (W1)', sigmoid(), softplus()],
    ['unit-step / sigmoid', unitStep(), sigmoid()],
    ['softplus / exponential', softplus(), exponential()],
    ['exponential / hinge (margin 0.3)', exponential(), hinge({ margin: 0.3 })],
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
        }, { scoreForward: 2, scoreBackward: 1 }, 'wasm', POSITIVE_GRADIENT);
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
    }, { scoreForward: 1, scoreBackward: 1 });
  });

  it('lambdaCroLossFromScores, sigmoid / softplus, B 512 x K 5120 (W3): fused on wasm against composed on cpu', async () => {
    const x = inputs(3, { batch: 512, k: 5120, masked: false });
    await expectAgreement(() => {
      const f = (n: tf.Tensor) => lambdaCroLossFromScores(tf.zeros([512]), n, { alpha: 1, tau: 1, normalize: false, reduction: 'sum' }) as tf.Scalar;
      const { value, grad } = tf.valueAndGrad(f)(x.neg());
      return [value, grad];
    }, { scoreForward: 1, scoreBackward: 1 }, 'cpu');
  });

  for (const [name, kernel] of Object.entries(KERNELS)) {
    it(`croLossFromScores, ${name}, B 3 x K 257, masked: fused on wasm against composed on cpu`, async () => {
      const x = inputs(260, { batch: 3, k: 257, masked: true });
      await expectAgreement(() => {
        const f = (p: tf.Tensor, n: tf.Tensor) => croLossFromScores(p, n, { kernel, alpha: 1.2, numItems: 313966, tau: 10, mask: x.mask() });
        const [gp, gn] = tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(f(p, n)))([x.pos(), x.neg()]);
        return [f(x.pos(), x.neg()), gp, gn];
      }, croCalls(kernel), 'cpu', POSITIVE_GRADIENT);
    });
  }

  it('rankStatistic and logRankStatistic on raw gaps: scalar and per-row scale, bool and int32 masks, NaN, exact values', async () => {
    const gaps = () => tf.tensor2d([[-1, 0, 2, 1e4, 0.25], [-1e4, 0.5, NaN, 3, -2]]);
    const mask = () => tf.tensor2d([[1, 1, 1, 0, 1], [1, 0, 0, 1, 1]]);
    await expectAgreement(() => [
      rankStatistic(gaps(), unitStep(), mask(), 2),
      rankStatistic(gaps(), sigmoid(), tf.greater(mask(), 0) as tf.Tensor2D, tf.tensor1d([3, 0.5])),
      rankStatistic(gaps(), softplus(), tf.cast(mask(), 'int32') as tf.Tensor2D, tf.tensor1d([3, 0.5])),
      logRankStatistic(gaps(), exponential(), mask(), tf.tensor1d([3, 0.5])),
      rankStatistic(gaps(), hinge({ margin: 0.25 }), mask(), 1),
      rankStatistic(gaps(), sigmoid(), null, 1),
      rankStatistic(gaps(), softplus(), null, 1),
    ], { forward: 7, backward: 0 });
    const [step] = await run(true, () => [rankStatistic(tf.tensor2d([[-1, 0, 2]]), unitStep(), null, 1)]);
    expect(Array.from(step)).toEqual([3]);
    const [logR] = await run(true, () => [logRankStatistic(tf.tensor2d([[0, 1e4]]), exponential(), null, 1)]);
    expect(logR[0]).toBeCloseTo(1e4, 0);
    const [sig] = await run(true, () => [rankStatistic(tf.tensor2d([[0, 2]]), sigmoid(), null, 1)]);
    expect(sig[0]).toBeCloseTo(1 + 0.5 + 1 / (1 + Math.exp(-2)), 6);
  });

  /** phi and phi' in float64, the math of @croloss/kernels. */
  const REFERENCE: Record<string, { kernel: ComparisonKernel; phi: (g: number) => number; dphi: (g: number) => number }> = {
    sigmoid: { kernel: sigmoid(), phi: (g) => 1 / (1 + Math.exp(-g)), dphi: (g) => Math.exp(-Math.abs(g)) / (1 + Math.exp(-Math.abs(g))) ** 2 },
    softplus: { kernel: softplus(), phi: (g) => Math.max(g, 0) + Math.log1p(Math.exp(-Math.abs(g))), dphi: (g) => 1 / (1 + Math.exp(-g)) },
    exponential: { kernel: exponential(), phi: (g) => Math.exp(g), dphi: (g) => Math.exp(g) },
  };
  for (const [name, ref] of Object.entries(REFERENCE)) {
    it(`${name}: R and dR/dg entry by entry against float64, ragged K 1,031, bool mask, per-row scale, gaps up to +-80`, async () => {
      const [rows, cols] = [6, 1031];
      const limit = name === 'exponential' ? 20 : 80;
      const g = Array.from(randomNormalArray(5, rows * cols, 0, 8), (v) => Math.max(-limit, Math.min(limit, v)));
      const keep = g.map((_, i) => (i % 5 === 2 || i < cols ? 0 : 1)); // row 0 entirely dropped
      const scale = [1, 2, 0.5, 3, 1, 7];
      const expectedR = scale.map((s, b) => {
        let sum = 0;
        for (let k = 0; k < cols; k++) if (keep[b * cols + k]) sum += ref.phi(g[b * cols + k]);
        return s * (1 + sum);
      });
      const expectedGrad = g.map((v, i) => (keep[i] ? scale[Math.floor(i / cols)] * ref.dphi(v) : 0));
      for (const impl of ['js', 'simd'] as WasmKernelImpl[]) {
        setWasmKernelImpl(impl);
        const [r, grad] = await run(true, () => {
          const mask = tf.greater(tf.tensor2d(keep, [rows, cols]), 0) as tf.Tensor2D;
          const s = tf.tensor1d(scale);
          const f = (x: tf.Tensor2D) => rankStatistic(x, ref.kernel, mask, s);
          const gaps = tf.tensor2d(g, [rows, cols]);
          return [f(gaps), tf.grad((x: tf.Tensor) => tf.sum(f(x as tf.Tensor2D)))(gaps)];
        });
        expect(maxMismatch(r, expectedR, 1e-30), `${impl}: R`).toBeLessThan(TOLERANCE);
        expect(maxMismatch(grad, expectedGrad, 1e-30), `${impl}: dR/dg`).toBeLessThan(TOLERANCE);
      }
      setWasmKernelImpl('simd');
    });
  }

  it('keeps the composed path for custom kernels', async () => {
    const before = calls.forward;
    const custom = defineKernel({ name: 'hinge', apply: (t) => tf.relu(tf.add(t, 0.5)) });
    await run(true, () => [rankStatistic(tf.tensor2d([[0, 1]]), custom, null, 1)]);
    expect(calls.forward).toBe(before);
    expect(wasmRankKernelsRegistered()).toBe(true);
  });

  it('names the kernel and the input in its errors', () => {
    expect(() => setWasmKernelImpl('c' as WasmKernelImpl)).toThrow(`setWasmKernelImpl: argument 'impl' must be 'simd' or 'js', got "c"`);
    expect(() => tf.engine().runKernel(FUSED_ROW_SUMS_KERNEL, { gaps: tf.tensor1d([1]) }, { phis: ['sigmoid'], margins: [0], scale: 1 })).toThrow(
      "CrolossFusedRowSums: input 'gaps' must be [B, K], got shape [1]",
    );
    expect(() => tf.engine().runKernel(FUSED_ROW_SUMS_KERNEL, { gaps: tf.tensor2d([[1]]) }, { phis: ['tanh'], margins: [0], scale: 1 })).toThrow(
      /CrolossFusedRowSums: attribute 'phis' must list 1 or 2 of/,
    );
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
    const tensors = tf.memory().numTensors;
    const before = { ...calls };
    const { value, grad } = step();
    await grad.data();
    tf.dispose([value, grad]);
    expect(calls.scoreForward - before.scoreForward, 'the exponential (log form) and the Lambda loss: the scores kernel').toBe(2);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([pos, neg, mask]);
  });
});
