/// <reference types="node" />
/**
 * The row top-k (CrolossRowTopK) on wasm against an exact top-k in plain JS with the same tie rule (score desc,
 * column asc; NaN last, -0 equal to +0), on random rows, rows of ties, special values and constant rows; and
 * @croloss/metrics' retrieval on wasm with the kernel against the cpu backend. Leak checks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { evaluateRetrieval, retrieveTopK } from '@croloss/metrics';
import { mulberry32 as rng, referenceTopK } from '@croloss/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROW_TOP_K_KERNEL } from '@croloss/internal';
import { registerWasmRowTopKKernel, setWasmKernelImpl, unregisterWasmRowTopKKernel, wasmRowTopKKernelRegistered, type WasmKernelImpl } from './index';
import { setUpWasm } from './wasm.test-helpers';

type Fill = 'random' | 'ties' | 'special' | 'constant' | 'ascending' | 'nanPrefix';

function makeRows(rows: number, cols: number, fill: Fill, seed: number): Float32Array {
  const next = rng(seed);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) {
    const u = next();
    if (fill === 'random') data[i] = (u - 0.5) * 8;
    else if (fill === 'ties') data[i] = Math.floor(u * 5) - 2; // every boundary is tied
    else if (fill === 'constant') data[i] = 0.25;
    else if (fill === 'ascending') data[i] = i % cols; // every later column beats the heap: the worst case
    else if (fill === 'nanPrefix') data[i] = i % cols < 20_000 ? NaN : (u - 0.5) * 8; // the heap's root is NaN after the prefix
    else {
      data[i] = [-Infinity, 0, -0, 1, 1, 3.4e38, -3.4e38, 1e-45, -1e-45, NaN, Infinity][Math.floor(u * 11)] ?? 0;
      if (next() < 0.5) data[i] = (next() - 0.5) * 4;
    }
  }
  return data;
}

/** Equal as float32 bit patterns, except that -0 and +0 count as equal values. */
function sameValues(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]) || (v === 0 && b[i] === 0));
}

describe('row top-k on wasm', () => {
  beforeAll(async () => {
    await setUpWasm();
  });
  afterAll(async () => {
    registerWasmRowTopKKernel();
    await tf.setBackend('cpu');
  });

  const cases: Array<[number, number, number, Fill]> = [
    [3, 1, 1, 'random'],
    [4, 1000, 1, 'random'],
    [5, 1000, 37, 'random'],
    [6, 2049, 500, 'ties'],
    [4, 777, 100, 'special'],
    [3, 300, 300, 'special'],
    [2, 5000, 1024, 'constant'],
    [3, 4000, 64, 'ascending'],
    // past 16,384 columns: the sampled threshold and the SIMD filter (ties, constant and NaN rows fall back to the heap)
    [3, 40_000, 500, 'random'],
    [2, 20_000, 1024, 'ties'],
    [2, 30_001, 100, 'special'],
    [2, 20_003, 64, 'ascending'],
    [2, 30_000, 10, 'nanPrefix'],
  ];
  for (const [rows, cols, k, fill] of cases) {
    it(`${rows} x ${cols}, k ${k}, ${fill}: exact (score desc, column asc)`, async () => {
      expect(wasmRowTopKKernelRegistered()).toBe(true);
      const data = makeRows(rows, cols, fill, rows * 7 + cols + k);
      const expected = referenceTopK(data, rows, cols, k);
      const tensors = tf.memory().numTensors;
      for (const impl of ['simd', 'js'] as WasmKernelImpl[]) {
        setWasmKernelImpl(impl);
        const x = tf.tensor2d(data, [rows, cols]);
        const [values, indices] = tf.engine().runKernel(ROW_TOP_K_KERNEL, { x }, { k }) as tf.Tensor[];
        const [v, i] = [Float32Array.from(await values.data()), Int32Array.from(await indices.data())];
        tf.dispose([x, values, indices]);
        expect(Array.from(i), `${impl}: indices`).toEqual(Array.from(expected.indices));
        expect(sameValues(v, expected.values), `${impl}: values`).toBe(true);
        expect(tf.memory().numTensors).toBe(tensors);
      }
      setWasmKernelImpl('simd');
    });
  }

  it('names the attribute in its errors', () => {
    const x = tf.tensor2d([[1, 2, 3]]);
    expect(() => tf.engine().runKernel(ROW_TOP_K_KERNEL, { x }, { k: 4 })).toThrow(
      "CrolossRowTopK: attribute 'k' must be an integer from 1 to min(N, 1024) = 3, got 4",
    );
    expect(() => tf.engine().runKernel(ROW_TOP_K_KERNEL, { x: tf.tensor1d([1, 2]) }, { k: 1 })).toThrow(
      "CrolossRowTopK: input 'x' must be a float32 [U, N] tensor, got float32 [2]",
    );
    x.dispose();
  });

  it('retrieveTopK and evaluateRetrieval on wasm with the kernel equal the cpu backend (70,001 items, tied scores, excluded items)', async () => {
    const next = rng(3);
    const [users, items, dim] = [37, 70_001, 8]; // at least 65,536 items: below, metrics keeps tf.topk on wasm
    // scores on a coarse grid: many ties inside the top k and across its boundary
    const u = Array.from({ length: users * dim }, () => Math.round((next() - 0.5) * 4) / 2);
    const it2 = Array.from({ length: dim * items }, () => Math.round((next() - 0.5) * 4) / 2);
    const run = async () => {
      const userT = tf.tensor2d(u, [users, dim]);
      const itemsT = tf.tensor2d(it2, [dim, items]);
      const top = await retrieveTopK(userT, itemsT, 50, { chunkSize: 16, excludeItems: [0, 5, 17] });
      const targets = Array.from({ length: users }, (_, r) => [(r * 97) % items]);
      const metrics = await evaluateRetrieval(userT, itemsT, targets, { ns: [10, 50], chunkSize: 16 });
      tf.dispose([userT, itemsT]);
      return { top, metrics };
    };
    // count the kernel's calls, to be sure the fused run used it
    const config = tf.getKernel(ROW_TOP_K_KERNEL, 'wasm');
    let calls = 0;
    tf.unregisterKernel(ROW_TOP_K_KERNEL, 'wasm');
    tf.registerKernel({ ...config, kernelFunc: ((args: Parameters<typeof config.kernelFunc>[0]) => (calls++, config.kernelFunc(args))) as typeof config.kernelFunc });
    const tensors = tf.memory().numTensors;
    const fused = await run();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(calls, 'the kernel ran once per chunk of 16 users, for each of the two calls').toBe(6);
    unregisterWasmRowTopKKernel();
    const composed = await run();
    registerWasmRowTopKKernel();
    await tf.setBackend('cpu');
    const cpu = await run();
    await tf.setBackend('wasm');
    expect(fused).toEqual(cpu);
    expect(composed).toEqual(cpu);
  });
});
