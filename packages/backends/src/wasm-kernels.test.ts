// registerWasmKernels: UnsortedSegmentSum on wasm equals cpu and a float64 sum, and an embedding tower trains on wasm.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels, selectBackend, WASM_KERNELS_ADDED } from './index';

const quiet = { log: () => {} };

/** A seeded LCG in [0, 1) (the test must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** float64 reference: out[s] = sum of rows i with ids[i] = s, ids outside [0, n) dropped. */
function segmentSum64(x: number[], ids: number[], n: number, inner: number): number[] {
  const out = new Array<number>(n * inner).fill(0);
  ids.forEach((s, i) => {
    if (s >= 0 && s < n) for (let k = 0; k < inner; k++) out[s * inner + k] += x[i * inner + k];
  });
  return out;
}

async function on<T>(backend: 'cpu' | 'wasm', f: () => T | Promise<T>): Promise<T> {
  await tf.setBackend(backend);
  return f();
}

describe('registerWasmKernels (wasm)', () => {
  let startBackend = 'cpu';
  beforeAll(async () => {
    startBackend = tf.getBackend();
    await selectBackend('wasm', quiet);
  });
  afterAll(async () => {
    await tf.setBackend(startBackend);
  });

  it('selectBackend registered UnsortedSegmentSum; a second call registers nothing', () => {
    expect(WASM_KERNELS_ADDED).toEqual(['UnsortedSegmentSum']);
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeDefined();
    expect(registerWasmKernels()).toEqual([]);
  });

  it('UnsortedSegmentSum equals the float64 sum and the cpu backend (float32 [N, 3, 2], int32, dropped ids, empty segments)', async () => {
    const random = lcg(7);
    const n = 40;
    const inner = 6;
    const x = Array.from({ length: n * inner }, () => random() * 4 - 2);
    const ids = Array.from({ length: n }, () => Math.floor(random() * 12) - 1); // -1 and 10, 11 are out of range
    const numSegments = 10;
    const run = () => tf.tidy(() => tf.unsortedSegmentSum(tf.tensor3d(x, [n, 3, 2]), tf.tensor1d(ids, 'int32'), numSegments).arraySync());
    const before = tf.memory().numTensors;
    const wasm = await on('wasm', run);
    expect(tf.memory().numTensors).toBe(before);
    const cpu = await on('cpu', run);
    await tf.setBackend('wasm');
    const reference = segmentSum64(x, ids, numSegments, inner);
    const flat = (wasm as number[][][]).flat(2);
    expect(flat).toHaveLength(numSegments * inner);
    flat.forEach((v, i) => expect(v).toBeCloseTo(reference[i], 5));
    expect(wasm).toEqual(cpu);
    const ints = tf.tidy(() => tf.unsortedSegmentSum(tf.tensor1d([3, 4, 5, 6], 'int32'), tf.tensor1d([1, 1, 3, 0], 'int32'), 4).arraySync());
    expect(ints).toEqual([6, 7, 0, 5]);
  });

  it('an embedding + mean pool + dense + L2 tower gets the same gradients on wasm as on cpu', async () => {
    const build = () => {
      const ids = tfl.input({ shape: [4], dtype: 'int32' });
      let h = tfl.layers.embedding({ inputDim: 30, outputDim: 8, embeddingsInitializer: tfl.initializers.randomUniform({ seed: 3 }) }).apply(ids) as tfl.SymbolicTensor;
      h = tfl.layers.globalAveragePooling1d().apply(h) as tfl.SymbolicTensor;
      h = tfl.layers.dense({ units: 5, kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 }) }).apply(h) as tfl.SymbolicTensor;
      return tfl.model({ inputs: ids, outputs: h });
    };
    const history = [[1, 2, 3, 0], [4, 4, 29, 7], [1, 9, 0, 0]];
    const grads = () => {
      const model = build();
      const input = tf.tensor2d(history, [3, 4], 'int32');
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads: g } = tf.variableGrads(() => {
        const out = model.apply(input, { training: true }) as tf.Tensor2D;
        const unit = tf.div(out, tf.norm(out, 2, 1, true));
        return tf.sum(tf.mul(unit, tf.reshape(tf.range(0, 5), [1, 5])));
      }, vars);
      const values = vars.map((v) => g[v.name].arraySync());
      tf.dispose([input, value, ...Object.values(g)]);
      model.dispose();
      return values;
    };
    const before = tf.memory().numTensors;
    const wasm = await on('wasm', grads);
    expect(tf.memory().numTensors).toBe(before);
    const cpu = await on('cpu', grads);
    await tf.setBackend('wasm');
    expect(wasm).toHaveLength(3);
    const flat = (a: unknown) => [a].flat(3) as number[];
    wasm.forEach((g, i) => {
      const w = flat(g);
      const c = flat(cpu[i]);
      expect(w.length).toBe(c.length);
      expect(w.some((v) => v !== 0)).toBe(true);
      w.forEach((v, k) => expect(Math.abs(v - c[k])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(c[k])))); // float32 summation order
    });
  });

  it("model.fit of a 3-layer sequential model with an embedding layer trains on wasm (the issue's symptom) and matches cpu", async () => {
    const fit = async () => {
      const model = tfl.sequential({ layers: [
        tfl.layers.embedding({ inputDim: 20, outputDim: 4, inputLength: 3, embeddingsInitializer: tfl.initializers.randomUniform({ seed: 5 }) }),
        tfl.layers.globalAveragePooling1d(),
        tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: 6 }) }),
      ] });
      model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
      const x = tf.tensor2d([[1, 2, 3], [4, 5, 19], [7, 7, 0]], [3, 3], 'int32');
      const y = tf.tensor2d([[1], [-1], [0.5]]);
      const history = await model.fit(x, y, { epochs: 3, batchSize: 3, verbose: 0, shuffle: false });
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      tf.dispose([x, y]);
      model.dispose();
      return { losses: history.history.loss as number[], weights: weights.flat() };
    };
    const wasm = await on('wasm', fit);
    const cpu = await on('cpu', fit);
    await tf.setBackend('wasm');
    expect(wasm.losses).toHaveLength(3);
    expect(wasm.losses[2]).toBeLessThan(wasm.losses[0]);
    wasm.losses.forEach((l, i) => expect(Math.abs(l - cpu.losses[i])).toBeLessThan(1e-5 * Math.max(1, cpu.losses[i])));
    wasm.weights.forEach((w, i) => expect(Math.abs(w - cpu.weights[i])).toBeLessThan(1e-5));
  });
});
