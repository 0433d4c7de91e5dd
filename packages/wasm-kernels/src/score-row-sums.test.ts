/// <reference types="node" />
/**
 * The scores-form kernels on wasm, called directly: statistics, the derivative output and the backward against
 * float64 (both implementations, every mask dtype, ragged K, per-row scales); the helper threads give bit-identical
 * results; saveWithoutCopy shares the saved data; the errors name the attribute.
 */
import * as tf from '@tensorflow/tfjs-core';
import { customOp, saveWithoutCopy } from '@croloss/internal';
import { lambdaCroLossFromScores } from '@croloss/loss';
import { rankStatistic } from '@croloss/loss/blocks';
import { sigmoid, softplus } from '@croloss/kernels';
import { maxMismatch, randomNormalArray } from '@croloss/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FUSED_SCORE_ROW_SUMS_GRAD_KERNEL,
  FUSED_SCORE_ROW_SUMS_KERNEL,
  defaultWasmKernelThreads,
  setWasmKernelImpl,
  setWasmKernelThreads,
  wasmKernelThreads,
  type WasmKernelImpl,
} from './index';
import { setUpWasm } from './wasm.test-helpers';

const sig = (g: number) => 1 / (1 + Math.exp(-g));
const softplus64 = (g: number) => Math.max(g, 0) + Math.log1p(Math.exp(-Math.abs(g)));
const PHI: Record<string, { phi: (g: number) => number; dphi: (g: number) => number }> = {
  sigmoid: { phi: sig, dphi: (g) => Math.exp(-Math.abs(g)) / (1 + Math.exp(-Math.abs(g))) ** 2 },
  softplus: { phi: softplus64, dphi: sig },
  exponential: { phi: Math.exp, dphi: Math.exp },
};

interface Problem {
  rows: number;
  cols: number;
  tau: number;
  pos: Float32Array;
  neg: Float32Array;
  keep: number[];
  scale: number[];
}

/** Scores N(0, 0.4) with tau 10 (gaps of about +-6) and a few of +-8 (gaps up to +-80); a fifth dropped, row 0 entirely. */
function problem(seed: number, rows: number, cols: number): Problem {
  const pos = Float32Array.from(randomNormalArray(seed, rows, 0, 0.4));
  const neg = Float32Array.from(randomNormalArray(seed + 1, rows * cols, 0, 0.4));
  for (let i = 0; i < neg.length; i += 97) neg[i] = i % 2 === 0 ? 8 : -8;
  const keep = Array.from({ length: rows * cols }, (_, i) => (i % 5 === 3 || i < cols ? 0 : 1));
  const scale = Array.from({ length: rows }, (_, b) => 1 + (b % 4) * 0.75);
  return { rows, cols, tau: 10, pos, neg, keep, scale };
}

/** stats [n, B] and the derivative of slot d in float64 from the float32 gaps (rounded as the kernels round them). */
function reference(p: Problem, phis: string[], derivative: number) {
  const f = Math.fround;
  const stats = new Float64Array(phis.length * p.rows);
  const deriv = new Float64Array(p.rows * p.cols);
  for (let b = 0; b < p.rows; b++) {
    const sums = phis.map(() => 0);
    for (let k = 0; k < p.cols; k++) {
      const i = b * p.cols + k;
      if (!p.keep[i]) continue;
      const g = f(f(p.neg[i] - p.pos[b]) * f(p.tau));
      phis.forEach((name, s) => (sums[s] += PHI[name].phi(g)));
      if (derivative >= 0) deriv[i] = p.tau * p.scale[b] * PHI[phis[derivative]].dphi(g);
    }
    phis.forEach((_, s) => (stats[s * p.rows + b] = p.scale[b] * (1 + sums[s])));
  }
  return { stats, deriv };
}

type MaskDtype = 'float32' | 'bool' | 'int32';

function inputs(p: Problem, dtype: MaskDtype) {
  const maskFloat = tf.tensor2d(p.keep, [p.rows, p.cols]);
  const mask = dtype === 'float32' ? maskFloat : dtype === 'bool' ? tf.greater(maskFloat, 0) : tf.cast(maskFloat, 'int32');
  if (mask !== maskFloat) maskFloat.dispose();
  return { positive: tf.tensor1d(p.pos), negatives: tf.tensor2d(p.neg, [p.rows, p.cols]), mask, scale: tf.tensor1d(p.scale) };
}

/** The forward (stats, derivative) and the backward (dNeg, dPos for dy = 1 + b / B) read back. */
async function runBoth(p: Problem, phis: string[], derivative: number, dtype: MaskDtype) {
  const x = inputs(p, dtype);
  const [stats, deriv] = tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_KERNEL, x, {
    phis, margins: phis.map(() => 0), tau: p.tau, scale: 1, derivative,
  }) as tf.Tensor[];
  const dy = tf.tensor2d(Array.from({ length: phis.length * p.rows }, (_, i) => 1 + (i % p.rows) / p.rows), [phis.length, p.rows]);
  const [dNeg, dPos] = tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_GRAD_KERNEL, { derivative: deriv, dy }, { slot: derivative }) as tf.Tensor[];
  const out = await Promise.all([stats, deriv, dNeg, dPos].map(async (t) => Float32Array.from(await t.data())));
  const dyValues = Float32Array.from(await dy.data());
  tf.dispose([x.positive, x.negatives, x.mask, x.scale, stats, deriv, dy, dNeg, dPos]);
  return { stats: out[0], deriv: out[1], dNeg: out[2], dPos: out[3], dy: dyValues };
}

describe('the scores-form kernels on wasm', () => {
  beforeAll(async () => {
    await setUpWasm();
  });
  afterAll(async () => {
    setWasmKernelImpl('simd');
    setWasmKernelThreads(1);
    await tf.setBackend('cpu');
  });

  const cases: Array<[string[], number, MaskDtype]> = [
    [['sigmoid', 'softplus'], 1, 'bool'],
    [['softplus', 'sigmoid'], 0, 'float32'],
    [['sigmoid'], 0, 'int32'],
    [['softplus', 'softplus'], 1, 'bool'],
    [['exponential', 'sigmoid'], 1, 'float32'],
  ];
  for (const [phis, derivative, dtype] of cases) {
    it(`${phis.join(' / ')}, derivative of slot ${derivative}, ${dtype} mask, per-row scale, B 7 x K 1,031: forward and backward against float64`, async () => {
      const p = problem(phis.length * 31 + derivative, 7, 1031);
      // the exponential of gaps up to 80 overflows float32: keep its gaps moderate
      if (phis.includes('exponential')) p.tau = 1;
      const expected = reference(p, phis, derivative);
      const tensors = tf.memory().numTensors;
      for (const impl of ['js', 'simd'] as WasmKernelImpl[]) {
        setWasmKernelImpl(impl);
        const got = await runBoth(p, phis, derivative, dtype);
        expect(maxMismatch(got.stats, expected.stats, 1e-30), `${impl}: stats`).toBeLessThan(1e-5);
        expect(maxMismatch(got.deriv, expected.deriv, 1e-30), `${impl}: derivative, entry by entry`).toBeLessThan(1e-5);
        const dNegExpected = Float64Array.from(expected.deriv, (d, i) => d * got.dy[derivative * p.rows + Math.floor(i / p.cols)]);
        expect(maxMismatch(got.dNeg, dNegExpected, 1e-30), `${impl}: dNegatives`).toBeLessThan(1e-5);
        const dPosExpected = Float64Array.from({ length: p.rows }, (_, b) => -dNegExpected.slice(b * p.cols, (b + 1) * p.cols).reduce((a, v) => a + v, 0));
        expect(maxMismatch(got.dPos, dPosExpected, 1e-30), `${impl}: dPositive = -row sum`).toBeLessThan(1e-5);
        // dropped entries: exactly 0
        expect(p.keep.every((k, i) => k === 1 || (got.deriv[i] === 0 && got.dNeg[i] === 0)), `${impl}: dropped entries are 0`).toBe(true);
      }
      setWasmKernelImpl('simd');
      expect(tf.memory().numTensors).toBe(tensors);
    });
  }

  it('log-exponential (softmax), bool mask, B 7 x K 1,031, gaps up to +-80: L and the derivative against float64; NaN and +Infinity rows', async () => {
    const p = problem(77, 7, 1031);
    const f = Math.fround;
    const expectedL = new Float64Array(p.rows);
    const expectedD = new Float64Array(p.rows * p.cols);
    for (let b = 0; b < p.rows; b++) {
      const g = Array.from({ length: p.cols }, (_, k) => f(f(p.neg[b * p.cols + k] - p.pos[b]) * f(p.tau)));
      const kept = g.filter((_, k) => p.keep[b * p.cols + k]);
      const m = Math.max(0, ...kept);
      expectedL[b] = m + Math.log(Math.exp(-m) + kept.reduce((s, v) => s + Math.exp(v - m), 0));
      g.forEach((v, k) => (expectedD[b * p.cols + k] = p.keep[b * p.cols + k] ? p.tau * Math.exp(v - expectedL[b]) : 0));
    }
    const tensors = tf.memory().numTensors;
    for (const impl of ['js', 'simd'] as WasmKernelImpl[]) {
      setWasmKernelImpl(impl);
      const x = inputs(p, 'bool');
      const [stats, deriv] = tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_KERNEL, { positive: x.positive, negatives: x.negatives, mask: x.mask }, {
        phis: ['log-exponential'], margins: [0], tau: p.tau, scale: 1, derivative: 0,
      }) as tf.Tensor[];
      const [l, d] = [Float32Array.from(await stats.data()), Float32Array.from(await deriv.data())];
      tf.dispose([x.positive, x.negatives, x.mask, x.scale, stats, deriv]);
      // L is about 80 in size: compare it absolutely (1e-5), the derivative entry by entry (relative)
      l.forEach((v, b) => expect(Math.abs(v - expectedL[b]), `${impl}: L of row ${b}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(expectedL[b]))));
      expect(maxMismatch(d, expectedD, 1e-30), `${impl}: derivative`).toBeLessThan(2e-5);
      // rows with a kept NaN or +Infinity score: NaN and +Infinity, as the composed log-sum-exp gives them
      const special = tf.tidy(() => tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_KERNEL, { positive: tf.tensor1d([0, 0, 0]), negatives: tf.tensor2d([[1, NaN, 2, 3, 4], [1, Infinity, 2, 3, 4], [1, 2, 3, 4, 5]]) }, {
        phis: ['log-exponential'], margins: [0], tau: 1, scale: 1, derivative: -1,
      }) as tf.Tensor);
      const s = Float32Array.from(await special.data());
      tf.dispose(special);
      expect(Number.isNaN(s[0]), `${impl}: a NaN row`).toBe(true);
      expect(s[1], `${impl}: a +Infinity row`).toBe(Infinity);
      expect(s[2], `${impl}: a finite row`).toBeCloseTo(Math.log(1 + Math.E + Math.E ** 2 + Math.E ** 3 + Math.E ** 4 + Math.E ** 5), 5);
    }
    setWasmKernelImpl('simd');
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('K = 0: the statistics are the factor of each row', async () => {
    const r = tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_KERNEL, { positive: tf.tensor1d([0, 1]), negatives: tf.zeros([2, 0]), scale: tf.tensor1d([2, 3]) }, {
      phis: ['sigmoid'], margins: [0], tau: 1, scale: 1, derivative: -1,
    }) as tf.Tensor;
    expect(Array.from(await r.data())).toEqual([2, 3]);
  });

  it('names the attribute and the input in its errors', () => {
    const positive = tf.tensor1d([0]);
    const negatives = tf.tensor2d([[1, 2]]);
    const attrs = { phis: ['sigmoid'], margins: [0], tau: 1, scale: 1, derivative: 0 };
    expect(() => tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_KERNEL, { positive, negatives }, { ...attrs, derivative: 1 })).toThrow(
      "CrolossFusedScoreRowSums: attribute 'derivative' must be -1 or a slot below 1, got 1",
    );
    expect(() => tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_KERNEL, { positive, negatives }, { ...attrs, tau: 0 })).toThrow(
      "CrolossFusedScoreRowSums: attribute 'tau' must be > 0, got 0",
    );
    expect(() => tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_KERNEL, { positive: tf.tensor1d([0, 1]), negatives }, attrs)).toThrow(
      "CrolossFusedScoreRowSums: input 'positive' must have shape [1], got [2]",
    );
    expect(() => tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_KERNEL, { positive, negatives }, { ...attrs, phis: ['tanh'] })).toThrow(
      /attribute 'phis' must list 1 or 2 of unit-step, sigmoid, softplus, exponential, hinge, log-exponential/,
    );
    expect(() => tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_KERNEL, { positive, negatives }, { ...attrs, phis: ['log-exponential', 'sigmoid'], margins: [0, 0] })).toThrow(
      `CrolossFusedScoreRowSums: attribute 'phis': 'log-exponential' must be the only kernel, got ["log-exponential","sigmoid"]`,
    );
    expect(() => tf.engine().runKernel(FUSED_SCORE_ROW_SUMS_GRAD_KERNEL, { derivative: negatives, dy: tf.ones([1, 3]) }, { slot: 0 })).toThrow(
      "CrolossFusedScoreRowSumsGrad: input 'dy' must be [n, 1] with n > slot 0, got [1,3]",
    );
    expect(() => setWasmKernelThreads(0)).toThrow("setWasmKernelThreads: argument 'threads' must be an integer from 1 to 64, got 0");
    expect(() => setWasmKernelThreads(1.5)).toThrow("setWasmKernelThreads: argument 'threads' must be an integer from 1 to 64, got 1.5");
  });

  it('helper threads: the forward kernels (scores and gaps forms) and a W3-size Lambda gradient give identical bits on 1 and 2 threads', async () => {
    expect(defaultWasmKernelThreads()).toBeGreaterThanOrEqual(1);
    const p = problem(5, 37, 5123); // an odd row count (an uneven split) and a ragged K
    const compute = async () => {
      const out: Float32Array[] = [];
      for (const dtype of ['bool', 'int32', 'float32'] as MaskDtype[]) {
        const got = await runBoth(p, ['sigmoid', 'softplus'], 1, dtype);
        out.push(got.stats, got.deriv, got.dNeg, got.dPos);
      }
      const [r, grad] = tf.tidy(() => {
        const keep = tf.greater(tf.tensor2d(p.keep, [p.rows, p.cols]), 0) as tf.Tensor2D;
        const stat = rankStatistic(tf.tensor2d(p.neg, [p.rows, p.cols]), softplus(), keep, tf.tensor1d(p.scale));
        const neg = tf.tensor2d(Float32Array.from(randomNormalArray(9, 512 * 5120)), [512, 5120]);
        const options = { weightKernel: sigmoid(), gradientKernel: softplus(), reduction: 'sum' as const };
        return [stat, tf.grad((n: tf.Tensor) => lambdaCroLossFromScores(tf.zeros([512]), n, options) as tf.Scalar)(neg)];
      });
      out.push(Float32Array.from(await r.data()), Float32Array.from(await grad.data()));
      tf.dispose([r, grad]);
      return out;
    };
    const tensors = tf.memory().numTensors;
    expect(setWasmKernelThreads(1)).toBe(1);
    const one = await compute();
    const threads = setWasmKernelThreads(2);
    expect(threads).toBe(2); // Node 20.16+ with worker threads (the tested platform)
    expect(wasmKernelThreads()).toBe(2);
    const two = await compute();
    expect(setWasmKernelThreads(1)).toBe(1);
    one.forEach((a, i) => expect(Buffer.from(two[i].buffer).equals(Buffer.from(a.buffer)), `output ${i}: same bits`).toBe(true));
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('the backward scales the derivative in place only for a first-order gradient: a nested tape reads it again intact', async () => {
    const p = problem(21, 6, 2051);
    const options = { weightKernel: sigmoid(), gradientKernel: softplus(), numItems: 10_000, tau: 10, reduction: 'sum' as const };
    const tensors = tf.memory().numTensors;
    const [first, nested] = tf.tidy(() => {
      const pos = tf.tensor1d(p.pos);
      const neg = tf.tensor2d(p.neg, [p.rows, p.cols]);
      const loss = (m: tf.Tensor) => lambdaCroLossFromScores(pos, m, options) as tf.Scalar;
      const firstOrder = tf.grad(loss)(neg);
      // the inner backward runs at gradient depth 1 (not in place); the outer one goes through the same forward again
      const twice = tf.grad((n: tf.Tensor) => tf.valueAndGrad(loss)(n).value)(neg);
      return [firstOrder, twice];
    });
    const [a, b] = [Float32Array.from(await first.data()), Float32Array.from(await nested.data())];
    tf.dispose([first, nested]);
    expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('saveWithoutCopy: the saved tensor shares the data, the gradient is right, Identity is restored, nothing leaks', async () => {
    const identity = tf.getKernel('Identity', 'wasm');
    let shared: boolean | undefined;
    const square = customOp((x: tf.Tensor, save: tf.GradSaveFunc) => {
      saveWithoutCopy(save, [x]);
      return {
        value: tf.square(x),
        gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => {
          shared = saved.dataId === x.dataId;
          return tf.mul(dy, tf.mul(2, saved));
        },
      };
    });
    const x = tf.tensor1d([1, -2, 3]);
    const tensors = tf.memory().numTensors;
    const g = tf.grad((v: tf.Tensor) => tf.sum(square(v)))(x);
    expect(Array.from(await g.data())).toEqual([2, -4, 6]);
    g.dispose();
    expect(shared).toBe(true);
    expect(tf.getKernel('Identity', 'wasm')).toBe(identity);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(Array.from(await x.data())).toEqual([1, -2, 3]);
    x.dispose();
  });
});
