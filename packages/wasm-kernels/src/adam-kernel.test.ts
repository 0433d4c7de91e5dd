/// <reference types="node" />
/** The fused Adam update on wasm against tf.train.adam's composed ops: bit for bit over several steps, ragged sizes; leak checks. */
import * as tf from '@tensorflow/tfjs-core';
import { randomNormalArray } from '@croloss/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAM_UPDATE_KERNEL, registerWasmAdamKernel } from './index';
import { setUpWasm } from './wasm.test-helpers';

describe('fused Adam on wasm', () => {
  beforeAll(setUpWasm);
  afterAll(async () => {
    registerWasmAdamKernel();
    await tf.setBackend('cpu');
  });

  it('one step equals the float32 formula, entry by entry (ragged n = 1,027: the SIMD loop and its scalar tail)', async () => {
    const n = 1027;
    const [w, m, v, g] = [1, 2, 3, 4].map((seed) => Float32Array.from(randomNormalArray(seed, n)));
    for (let i = 0; i < n; i++) v[i] = Math.abs(v[i]);
    const attrs = { learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, oneMinusAccBeta1: Math.fround(1 - Math.fround(0.9 ** 3)), oneMinusAccBeta2: Math.fround(1 - Math.fround(0.999 ** 3)) };
    const before = tf.memory().numTensors;
    const inputs = { value: tf.tensor1d(w), m: tf.tensor1d(m), v: tf.tensor1d(v), gradient: tf.tensor1d(g) };
    const outputs = tf.engine().runKernel(ADAM_UPDATE_KERNEL, inputs, attrs) as tf.Tensor[];
    const [w2, m2, v2] = await Promise.all(outputs.map((t) => t.data()));
    tf.dispose([...outputs, ...Object.values(inputs)]);
    expect(tf.memory().numTensors).toBe(before);
    const f = Math.fround;
    for (let i = 0; i < n; i++) {
      const mi = f(f(m[i] * f(0.9)) + f(g[i] * f(1 - 0.9)));
      const vi = f(f(v[i] * f(0.999)) + f(f(g[i] * g[i]) * f(1 - 0.999)));
      const wi = f(f(f(f(mi / f(attrs.oneMinusAccBeta1)) / f(f(Math.sqrt(f(vi / f(attrs.oneMinusAccBeta2)))) + f(1e-7))) * f(-0.05)) + w[i]);
      expect([m2[i], v2[i], w2[i]]).toEqual([mi, vi, wi]);
    }
  });

  it('names the kernel and the input in its errors', () => {
    expect(() => tf.engine().runKernel(ADAM_UPDATE_KERNEL, { value: tf.ones([2]), m: tf.zeros([3]), v: tf.zeros([2]), gradient: tf.ones([2]) },
      { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, oneMinusAccBeta1: 0.1, oneMinusAccBeta2: 0.001 })).toThrow(
      "CrolossAdamUpdate: input 'm' must have the shape of 'value' [2], got [3]",
    );
  });
});
