/// <reference types="node" />
/**
 * The fused row top-k (CrolossRowTopK) on webgpu against an exact top-k in plain JS with the same tie rule
 * (score desc, column asc), and @croloss/metrics' retrieval on webgpu with the kernel against the cpu backend.
 * Runs when CROLOSS_WEBGPU=1 (Mesa lavapipe in CI). Sizes stay modest: lavapipe is a CPU.
 */
import * as tf from '@tensorflow/tfjs-core';
import { evaluateRetrieval, retrieveTopK } from '@croloss/metrics';
import { mulberry32 as rng, referenceTopK } from '@croloss/testing'; // the project's one small PRNG and exact top-k
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROW_TOP_K_KERNEL, registerRowTopKKernel, rowTopKKernelRegistered, unregisterRowTopKKernel } from './index';
import { setUpNodeWebGPU } from './webgpu.test-helpers';

const enabled = process.env.CROLOSS_WEBGPU === '1';

type Fill = 'random' | 'ties' | 'special' | 'constant';

function makeRows(rows: number, cols: number, fill: Fill, seed: number): Float32Array {
  const next = rng(seed);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) {
    const u = next();
    switch (fill) {
      case 'random':
        data[i] = (u - 0.5) * 8;
        break;
      case 'ties': // a handful of distinct values: every boundary is tied
        data[i] = Math.floor(u * 5) - 2;
        break;
      case 'special': // -Infinity, duplicates, -0 and +0, extremes, NaN
        data[i] = [-Infinity, 0, -0, 1, 1, 3.4e38, -3.4e38, 1e-45, -1e-45, NaN, Infinity][Math.floor(u * 11)] ?? 0;
        if (next() < 0.5) data[i] = (next() - 0.5) * 4;
        break;
      case 'constant':
        data[i] = 0.25;
        break;
    }
  }
  return data;
}

async function fusedTopK(data: Float32Array, rows: number, cols: number, k: number) {
  const x = tf.tensor2d(data, [rows, cols]);
  const [values, indices] = tf.engine().runKernel(ROW_TOP_K_KERNEL, { x }, { k }) as tf.Tensor[];
  const out = { values: (await values.data()) as Float32Array, indices: (await indices.data()) as Int32Array, dtype: indices.dtype, shape: values.shape };
  tf.dispose([x, values, indices]);
  return out;
}

function expectSameTopK(actual: { values: Float32Array; indices: Int32Array }, expected: { values: Float32Array; indices: Int32Array }) {
  expect(Array.from(actual.indices)).toEqual(Array.from(expected.indices));
  for (let i = 0; i < expected.values.length; i++) {
    const a = actual.values[i];
    const b = expected.values[i];
    if (!(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)))) expect([i, a]).toEqual([i, b]);
  }
}

describe.skipIf(!enabled)('CrolossRowTopK on webgpu (lavapipe in CI) against an exact top-k', () => {
  beforeAll(async () => {
    await setUpNodeWebGPU();
    expect(rowTopKKernelRegistered()).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  const cases: Array<{ rows: number; cols: number; k: number; fill: Fill }> = [
    { rows: 3, cols: 1, k: 1, fill: 'random' },
    { rows: 5, cols: 500, k: 1, fill: 'random' },
    { rows: 5, cols: 500, k: 7, fill: 'ties' },
    { rows: 4, cols: 500, k: 500, fill: 'random' },
    { rows: 4, cols: 501, k: 500, fill: 'ties' },
    { rows: 4, cols: 501, k: 500, fill: 'special' },
    { rows: 6, cols: 4097, k: 7, fill: 'random' },
    { rows: 6, cols: 4097, k: 500, fill: 'ties' },
    { rows: 6, cols: 4097, k: 500, fill: 'special' },
    { rows: 3, cols: 4097, k: 1024, fill: 'random' },
    { rows: 2, cols: 4097, k: 1, fill: 'constant' },
    { rows: 2, cols: 4097, k: 500, fill: 'constant' },
    { rows: 3, cols: 70_000, k: 500, fill: 'random' },
    { rows: 3, cols: 70_000, k: 500, fill: 'ties' },
    { rows: 2, cols: 70_000, k: 7, fill: 'special' },
  ];
  for (const [n, c] of cases.entries()) {
    it(`${c.rows} x ${c.cols}, k ${c.k}, ${c.fill} values`, async () => {
      const data = makeRows(c.rows, c.cols, c.fill, 100 + n);
      const actual = await fusedTopK(data, c.rows, c.cols, c.k);
      expect(actual.shape).toEqual([c.rows, c.k]);
      expect(actual.dtype).toBe('int32');
      expectSameTopK(actual, referenceTopK(data, c.rows, c.cols, c.k));
    });
  }

  it('rows of -Infinity (excluded items) with a few finite columns, many rows', async () => {
    const rows = 300;
    const cols = 3;
    const data = new Float32Array(rows * cols).fill(-Infinity);
    for (let r = 0; r < rows; r++) data[r * cols + (r % 3)] = r % 7;
    const actual = await fusedTopK(data, rows, cols, 2);
    expectSameTopK(actual, referenceTopK(data, rows, cols, 2));
  });

  it('agrees with tf.topk on rows without ties', async () => {
    const data = makeRows(8, 3000, 'random', 7);
    const x = tf.tensor2d(data, [8, 3000]);
    const top = tf.topk(x, 100);
    const expected = { values: (await top.values.data()) as Float32Array, indices: (await top.indices.data()) as Int32Array };
    tf.dispose([x, top.values, top.indices]);
    expectSameTopK(await fusedTopK(data, 8, 3000, 100), expected);
  });

  it('rejects k > N, k > 1024, k < 1, non-float32 and non-matrix input, clearly', () => {
    const x = tf.zeros([2, 5]);
    const big = tf.zeros([1, 2000]);
    const ints = tf.zeros([2, 5], 'int32');
    const flat = tf.zeros([5]);
    expect(() => tf.engine().runKernel(ROW_TOP_K_KERNEL, { x }, { k: 6 })).toThrow(/CrolossRowTopK: k = 6 is larger than the row length N = 5/);
    expect(() => tf.engine().runKernel(ROW_TOP_K_KERNEL, { x: big }, { k: 1025 })).toThrow(/larger than 1024/);
    expect(() => tf.engine().runKernel(ROW_TOP_K_KERNEL, { x }, { k: 0 })).toThrow(/integer >= 1/);
    expect(() => tf.engine().runKernel(ROW_TOP_K_KERNEL, { x: ints }, { k: 1 })).toThrow(/float32/);
    expect(() => tf.engine().runKernel(ROW_TOP_K_KERNEL, { x: flat }, { k: 1 })).toThrow(/\[rows, N\]/);
    tf.dispose([x, big, ints, flat]);
  });

  it('leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await fusedTopK(makeRows(4, 1000, 'random', 3), 4, 1000, 10);
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** Users and items whose inner products are exact in float32 (multiples of 1/8, small): every backend agrees bit for bit. */
function exactVectors(count: number, d: number, seed: number, levels: number): Float32Array {
  const next = rng(seed);
  const out = new Float32Array(count * d);
  for (let i = 0; i < out.length; i++) out[i] = (Math.floor(next() * levels) - Math.floor(levels / 2)) / 8;
  return out;
}

async function onBackend<T>(backend: string, fn: () => Promise<T>): Promise<T> {
  const previous = tf.getBackend();
  await tf.setBackend(backend);
  try {
    return await fn();
  } finally {
    await tf.setBackend(previous);
  }
}

describe.skipIf(!enabled)('@croloss/metrics retrieval on webgpu with CrolossRowTopK against the cpu backend', () => {
  const calls = { n: 0 };
  let original: tf.KernelConfig;
  beforeAll(async () => {
    await setUpNodeWebGPU();
    original = tf.getKernel(ROW_TOP_K_KERNEL, 'webgpu');
    tf.unregisterKernel(ROW_TOP_K_KERNEL, 'webgpu');
    tf.registerKernel({
      ...original,
      kernelFunc: ((args: Parameters<typeof original.kernelFunc>[0]) => {
        calls.n += 1;
        return original.kernelFunc(args);
      }) as typeof original.kernelFunc,
    });
  });
  afterAll(async () => {
    tf.unregisterKernel(ROW_TOP_K_KERNEL, 'webgpu');
    tf.registerKernel(original);
    await tf.setBackend('cpu');
  });

  // 70,000 items: two item chunks of 65,536 on the fused path (per-chunk top-k, then the merge)
  const sizes = [
    { users: 5, items: 600, d: 4, k: 500, levels: 9, chunkSize: 2 },
    { users: 3, items: 70_000, d: 4, k: 500, levels: 5, chunkSize: 2 },
    { users: 4, items: 70_000, d: 8, k: 7, levels: 17, chunkSize: 4 },
  ];
  for (const s of sizes) {
    it(`retrieveTopK, ${s.users} users x ${s.items} items, d ${s.d}, k ${s.k} (many exact ties), excluded items: same as cpu`, async () => {
      const users = exactVectors(s.users, s.d, 1, s.levels);
      const itemsT = exactVectors(s.d, s.items, 2, s.levels);
      const excludeItems = [0, 3, s.items - 1, 65_535, 65_536].filter((i) => i < s.items);
      const run = async () => {
        const u = tf.tensor2d(users, [s.users, s.d]);
        const v = tf.tensor2d(itemsT, [s.d, s.items]);
        try {
          return await retrieveTopK(u, v, s.k, { chunkSize: s.chunkSize, excludeItems });
        } finally {
          tf.dispose([u, v]);
        }
      };
      const expected = await onBackend('cpu', run);
      const before = calls.n;
      const tensors = tf.memory().numTensors;
      const actual = await run();
      expect(calls.n).toBeGreaterThan(before);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(Array.from(actual.indices)).toEqual(Array.from(expected.indices));
      expect(Array.from(actual.scores)).toEqual(Array.from(expected.scores));
    });
  }

  it('evaluateRetrieval with history masking: same metrics as cpu, no tensor left', async () => {
    const numUsers = 6;
    const d = 4;
    const items = 3000;
    const users = exactVectors(numUsers, d, 3, 7);
    const itemsT = exactVectors(d, items, 4, 7);
    const targets = Array.from({ length: numUsers }, (_, u) => [1 + u, 100 + 7 * u, 2000 + u]);
    const histories = Array.from({ length: numUsers }, (_, u) => [5 + u, 50 + u]);
    const run = async () => {
      const u = tf.tensor2d(users, [numUsers, d]);
      const v = tf.tensor2d(itemsT, [d, items]);
      try {
        return await evaluateRetrieval(u, v, targets, { ns: [20, 50], history: histories, maskHistory: true, excludeItems: [0], chunkSize: 4 });
      } finally {
        tf.dispose([u, v]);
      }
    };
    const expected = await onBackend('cpu', run);
    const before = calls.n;
    const tensors = tf.memory().numTensors;
    const actual = await run();
    expect(calls.n).toBeGreaterThan(before);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(actual).toEqual(expected);
  });

  it('falls back to tf.topk without the kernel (unregistered) and for k > 1024, with the same results', async () => {
    const users = exactVectors(3, 4, 5, 9);
    const itemsT = exactVectors(4, 2000, 6, 9);
    const run = async (k: number) => {
      const u = tf.tensor2d(users, [3, 4]);
      const v = tf.tensor2d(itemsT, [4, 2000]);
      try {
        return await retrieveTopK(u, v, k);
      } finally {
        tf.dispose([u, v]);
      }
    };
    const fused = await run(300);
    const counting = tf.getKernel(ROW_TOP_K_KERNEL, 'webgpu');
    expect(unregisterRowTopKKernel()).toEqual([ROW_TOP_K_KERNEL]);
    let composed;
    try {
      const before = calls.n;
      composed = await run(300);
      expect(calls.n).toBe(before);
    } finally {
      tf.registerKernel(counting);
    }
    expect(registerRowTopKKernel()).toEqual([]);
    expect(composed).toEqual(fused);
    const before = calls.n;
    const wide = await run(1100);
    expect(calls.n).toBe(before);
    expect(wide.indices.length).toBe(3 * 1100);
  });
});
