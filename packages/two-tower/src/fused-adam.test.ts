/// <reference types="node" />
/** FusedAdamOptimizer on wasm (the kernel of @croloss/wasm-kernels) against tf.train.adam: bit for bit over several steps, ragged sizes; leak checks. */
import * as tf from '@tensorflow/tfjs-core';
import { randomNormalArray } from '@croloss/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '@croloss/backends';
import { ADAM_UPDATE_KERNEL, registerWasmAdamKernel, unregisterWasmAdamKernel } from '@croloss/wasm-kernels';
import { FusedAdamOptimizer } from './fused-adam';

/** Trains two variables (a ragged [1027, 3] table and a [5] bias) for `steps` steps on a fixed quadratic; returns their values. */
async function train(optimizer: tf.Optimizer, steps: number): Promise<Float32Array[]> {
  const table = tf.variable(tf.tensor2d(Array.from(randomNormalArray(1, 1027 * 3)), [1027, 3]));
  const bias = tf.variable(tf.tensor1d(Array.from(randomNormalArray(2, 5))));
  const target = tf.tensor2d(Array.from(randomNormalArray(3, 1027 * 3, 0, 2)), [1027, 3]);
  for (let s = 0; s < steps; s++) {
    tf.dispose(optimizer.minimize(() => tf.add(tf.sum(tf.square(tf.sub(table, target))), tf.sum(tf.mul(tf.square(bias), s + 1))) as tf.Scalar, true) as tf.Scalar);
  }
  const values = [Float32Array.from(await table.data()), Float32Array.from(await bias.data())];
  tf.dispose([table, bias, target]);
  optimizer.dispose();
  return values;
}

describe('fused Adam on wasm', () => {
  beforeAll(async () => {
    await selectBackend('wasm', { log: () => {} });
  });
  afterAll(async () => {
    registerWasmAdamKernel();
    await tf.setBackend('cpu');
  });

  it('FusedAdamOptimizer through the kernel equals tf.train.adam bit for bit after 7 steps (and the kernel ran)', async () => {
    let calls = 0;
    const config = tf.getKernel(ADAM_UPDATE_KERNEL, 'wasm');
    unregisterWasmAdamKernel();
    tf.registerKernel({ ...config, kernelFunc: ((args: Parameters<typeof config.kernelFunc>[0]) => (calls++, config.kernelFunc(args))) as typeof config.kernelFunc });
    expect(FusedAdamOptimizer.fused()).toBe(true);
    const fused = await train(new FusedAdamOptimizer(0.05), 7);
    expect(calls).toBe(14);
    const composed = await train(tf.train.adam(0.05), 7);
    expect(Array.from(fused[0])).toEqual(Array.from(composed[0]));
    expect(Array.from(fused[1])).toEqual(Array.from(composed[1]));
    // and the values moved: not a no-op
    expect(Math.max(...fused[1].map((x, i) => Math.abs(x - randomNormalArray(2, 5)[i])))).toBeGreaterThan(0.1);
    unregisterWasmAdamKernel();
    registerWasmAdamKernel();
  });

  it('without the kernel FusedAdamOptimizer is tf.train.adam (composed ops)', async () => {
    unregisterWasmAdamKernel();
    expect(FusedAdamOptimizer.fused()).toBe(false);
    const fused = await train(new FusedAdamOptimizer(0.05, 0.8, 0.99, 1e-6), 3);
    registerWasmAdamKernel();
    const composed = await train(tf.train.adam(0.05, 0.8, 0.99, 1e-6), 3);
    expect(Array.from(fused[0])).toEqual(Array.from(composed[0]));
  });

  it("checkpoints: getWeights has tf.train.adam's layout; leaves no tensor behind per step", async () => {
    const w = tf.variable(tf.ones([9]));
    const optimizer = new FusedAdamOptimizer(0.1);
    const step = () => tf.dispose(optimizer.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, true) as tf.Scalar);
    step();
    const before = tf.memory().numTensors;
    step();
    step();
    expect(tf.memory().numTensors).toBe(before);
    const weights = await optimizer.getWeights();
    expect(weights.map((x) => x.name)).toEqual(['iter', `${w.name}/m`, `${w.name}/v`]);
    tf.dispose(weights.map((x) => x.tensor));
    optimizer.dispose();
    w.dispose();
  });

  it('names the function, the argument, the expected and the actual value on bad input', () => {
    expect(() => new FusedAdamOptimizer(0)).toThrow("FusedAdamOptimizer: argument 'learningRate' must be a finite number > 0, got 0");
    expect(() => new FusedAdamOptimizer(0.1, 1)).toThrow("FusedAdamOptimizer: argument 'beta1' must be a number in [0, 1), got 1");
    expect(() => new FusedAdamOptimizer(0.1, 0.9, Number.NaN)).toThrow("FusedAdamOptimizer: argument 'beta2' must be a number in [0, 1), got NaN");
    expect(() => new FusedAdamOptimizer(0.1, 0.9, 0.999, -1)).toThrow("FusedAdamOptimizer: argument 'epsilon' must be null (the backend's epsilon) or a finite number > 0, got -1");
  });
});
