/** Tests of LazyAdamOptimizer. */
import '@tensorflow/tfjs-layers'; // gradients (also registered by the vitest setup)
import * as tf from '@tensorflow/tfjs-core';
import { croLossFunction, presets } from '@croloss/loss';
import { uniformSampler } from '@croloss/sampling';
import { maxRelativeError, mulberry32, randomNormalArray } from '@croloss/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LazyAdamOptimizer, remapRowIds, trainTwoTower, TwoTowerModel, type BatchSource, type NegativeSource, type TrainingState } from './index';
import { applyState, captureState } from './training-state';

const N = 12; // table rows
const D = 3;
const K = 2; // dense output

/** Steps of the tiny model: ids per step (duplicates, row 0 sometimes) and their targets y [ids, K]. */
function tinySteps(): Array<{ ids: number[]; y: number[] }> {
  const rand = mulberry32(5);
  return Array.from({ length: 6 }, (_, s) => {
    const ids = Array.from({ length: 7 }, () => Math.floor(rand() * 8) + (s % 2)); // rows 0..8: 9..11 never touched
    ids.push(ids[0]); // a duplicate in every step
    return { ids, y: Array.from(randomNormalArray(100 + s, ids.length * K)) };
  });
}

/** loss = sum_j 0.5 ||E[id_j] W - y_j||^2 on the gathered rows (local ids index them). */
function tinyLoss(rows: tf.Tensor2D, local: Int32Array, w: tf.Tensor, y: number[]): tf.Scalar {
  const e = tf.gather(rows, tf.tensor1d(local, 'int32'));
  return tf.mul(tf.sum(tf.square(tf.sub(tf.matMul(e, w), tf.tensor2d(y, [local.length, K])))), 0.5) as tf.Scalar;
}

/** Independent float64 LazyAdam on the same loss, gradients by hand. */
function referenceLazyAdam(table0: Float32Array, w0: Float32Array, steps: ReturnType<typeof tinySteps>, lr: number, b1: number, b2: number, eps: number) {
  const p = Float64Array.from(table0);
  const w = Float64Array.from(w0);
  const [m, v] = [new Float64Array(N * D), new Float64Array(N * D)];
  const [mw, vw] = [new Float64Array(D * K), new Float64Array(D * K)];
  const adam = (x: Float64Array, mm: Float64Array, vv: Float64Array, g: Float64Array, i: number, t: number) => {
    mm[i] = b1 * mm[i] + (1 - b1) * g[i];
    vv[i] = b2 * vv[i] + (1 - b2) * g[i] * g[i];
    const mHat = mm[i] / (1 - b1 ** t);
    const vHat = vv[i] / (1 - b2 ** t);
    x[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
  };
  steps.forEach(({ ids, y }, s) => {
    const t = s + 1;
    const gE = new Float64Array(N * D);
    const gW = new Float64Array(D * K);
    ids.forEach((id, j) => {
      for (let k = 0; k < K; k++) {
        let r = -y[j * K + k];
        for (let c = 0; c < D; c++) r += p[id * D + c] * w[c * K + k];
        for (let c = 0; c < D; c++) {
          gE[id * D + c] += r * w[c * K + k];
          gW[c * K + k] += p[id * D + c] * r;
        }
      }
    });
    const touched = [...new Set([0, ...ids])]; // the rows remapRowIds hands the optimizer (row 0 always)
    for (const id of touched) for (let c = 0; c < D; c++) adam(p, m, v, gE, id * D + c, t);
    for (let i = 0; i < D * K; i++) adam(w, mw, vw, gW, i, t);
  });
  return { p, w, m, v };
}

describe('LazyAdamOptimizer', () => {
  it('several steps equal a float64 plain-JS LazyAdam: untouched rows keep parameters and moments exactly', async () => {
    const table = tf.variable(tf.tensor2d(Array.from(randomNormalArray(1, N * D)), [N, D]));
    const w = tf.variable(tf.tensor2d(Array.from(randomNormalArray(2, D * K)), [D, K]));
    const table0 = Float32Array.from(table.dataSync()); // a copy: dataSync may return the backend's own buffer
    const w0 = Float32Array.from(w.dataSync());
    const steps = tinySteps();
    const optimizer = new LazyAdamOptimizer({ learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-7 });
    const before = tf.memory().numTensors;
    for (const { ids, y } of steps) {
      const { rowIds, remapped: [local] } = remapRowIds([ids]);
      const previous = table.dataSync().slice();
      const cost = tf.tidy(() => optimizer.minimize((rows) => tinyLoss(rows, local, w, y), { table, rowIds, dense: [w] }));
      cost.dispose();
      const now = table.dataSync();
      for (let row = 0; row < N; row++) {
        if (rowIds.includes(row)) continue;
        expect(Array.from(now.subarray(row * D, row * D + D))).toEqual(Array.from(previous.subarray(row * D, row * D + D)));
      }
    }
    expect(optimizer.iterations).toBe(steps.length);
    const ref = referenceLazyAdam(table0, w0, steps, 0.05, 0.8, 0.99, 1e-7);
    const slots = await optimizer.getWeights();
    expect(slots.map((s) => s.tensor.shape)).toEqual([[], [N, D], [D, K], [N, D], [D, K]]);
    const [mT, vT] = [slots[1].tensor.dataSync(), slots[3].tensor.dataSync()];
    const got = table.dataSync();
    for (let row = 0; row < N; row++) {
      const at = (a: ArrayLike<number>) => Array.from(a).slice(row * D, row * D + D);
      if (row >= 9) {
        // never touched: the initial float32 parameters and zero moments, bit for bit
        expect(at(got)).toEqual(at(table0));
        expect([...at(mT), ...at(vT)]).toEqual(new Array(2 * D).fill(0));
      } else {
        expect(maxRelativeError(at(got), at(ref.p), 1e-6), `row ${row}`).toBeLessThan(1e-5);
        expect(maxRelativeError(at(mT), at(ref.m), 1e-7), `m row ${row}`).toBeLessThan(1e-5);
        expect(maxRelativeError(at(vT), at(ref.v), 1e-9), `v row ${row}`).toBeLessThan(1e-5);
      }
    }
    expect(maxRelativeError(w.dataSync(), ref.w, 1e-6)).toBeLessThan(1e-5);
    tf.dispose(slots[0].tensor);
    expect(tf.memory().numTensors).toBe(before + 4); // the four moment tables, nothing per step
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([table, w]);
  });

  it('duplicate ids in a step are summed once, and remapRowIds keeps padding at 0', () => {
    expect(remapRowIds([[5, 0, 9], [9, 12]])).toEqual({ rowIds: Int32Array.from([0, 5, 9, 12]), remapped: [Int32Array.from([1, 0, 2]), Int32Array.from([2, 3])] });
    const table = tf.variable(tf.zeros([6, 2]));
    const optimizer = new LazyAdamOptimizer({ learningRate: 0.1 });
    const { rowIds, remapped: [local] } = remapRowIds([[2, 2, 5, 2]]);
    const c = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
    tf.dispose(optimizer.minimize((rows) => tf.sum(tf.mul(tf.gather(rows, tf.tensor1d(local, 'int32')), c)), { table, rowIds }));
    return optimizer.getWeights().then((slots) => {
      const first = Array.from(slots[1].tensor.dataSync());
      // m = (1 - beta1) g: g(row 2) = c0 + c1 + c3 = [11, 14], g(row 5) = c2 = [5, 6], nothing elsewhere
      expect(maxRelativeError(first, [0, 0, 0, 0, 1.1, 1.4, 0, 0, 0, 0, 0.5, 0.6], 1e-9)).toBeLessThan(1e-6);
      tf.dispose([slots[0].tensor, table, c]);
      optimizer.dispose();
      expect(() => optimizer.minimize(() => tf.scalar(0), { table, rowIds: [1, 1] })).toThrow('LazyAdamOptimizer.minimize: step.rowIds has 1 twice');
    });
  });
});

/** Batches whose histories and targets cover items 1..numItems in every step (and padding). */
function coveringSource(numItems: number, L: number, seed: number): BatchSource {
  const rand = mulberry32(seed);
  return {
    next(batchSize: number) {
      const histories = new Int32Array(batchSize * L);
      const targets = new Int32Array(batchSize);
      for (let b = 0; b < batchSize; b++) {
        for (let j = Math.floor(rand() * 2); j < L; j++) histories[b * L + j] = 1 + Math.floor(rand() * numItems);
        targets[b] = 1 + ((b + Math.floor(rand() * numItems)) % numItems);
      }
      return { histories, targets };
    },
  };
}

/** Every item as a negative, in a random order (so every row of the table is touched by every step). */
function allItems(numItems: number, seed: number): NegativeSource {
  const rand = mulberry32(seed);
  return {
    sample(positives, numNegatives) {
      const shift = Math.floor(rand() * numItems);
      const ids = Int32Array.from({ length: numNegatives }, (_, i) => 1 + ((i + shift) % numItems));
      const mask = new Float32Array(positives.length * numNegatives).fill(1);
      return { ids, mask };
    },
  };
}

describe('trainTwoTower with sparseUpdates (lazy Adam)', () => {
  const weightsOf = (model: TwoTowerModel) => model.variables.flatMap((v) => Array.from(v.dataSync()));

  it('equals dense tf.train.adam when every row is touched in every step', async () => {
    const run = async (sparseUpdates: boolean) => {
      const model = new TwoTowerModel({ numItems: 7, dim: 4, maxHistory: 3, seed: 2 });
      const result = await trainTwoTower({
        model, loss: croLossFunction({ alpha: 1, numItems: 7 }), batches: coveringSource(7, 3, 4), negatives: allItems(7, 5),
        steps: 8, batchSize: 8, numNegatives: 7, learningRate: 0.03, sparseUpdates,
      });
      const weights = weightsOf(model);
      model.dispose();
      return { weights, losses: result.losses.map((l) => l.loss) };
    };
    // the negatives: (i + r) % 7 over i = 0..6 is every item once
    const dense = await run(false);
    const lazy = await run(true);
    expect(maxRelativeError(lazy.losses, dense.losses, 1e-6)).toBeLessThan(1e-5);
    expect(maxRelativeError(lazy.weights, dense.weights, 1e-5)).toBeLessThan(1e-5);
  });

  it('trains, leaks no tensors across steps, and leaves rows no step touched exactly as initialised', async () => {
    const model = new TwoTowerModel({ numItems: 60, dim: 8, maxHistory: 4, seed: 1 });
    const initial = model.itemEmbeddings.dataSync().slice();
    const touched = new Set<number>([0]);
    const inner = coveringSource(40, 4, 9); // items 1..40 only in batches
    const batches: BatchSource = {
      next(n) {
        const b = inner.next(n);
        b.histories.forEach((id) => touched.add(id));
        b.targets.forEach((id) => touched.add(id));
        return b;
      },
    };
    const sampler = uniformSampler({ numItems: 50, seed: 3 }); // negatives 1..50: items 51..60 never touched
    const negatives: NegativeSource = {
      sample(positives, k) {
        const s = sampler.sample(positives, k);
        s.ids.forEach((id) => touched.add(id));
        return s;
      },
    };
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    const result = await trainTwoTower({
      model, loss: presets.softmaxCrossEntropy({ numItems: 60 }), batches, negatives, steps: 20, batchSize: 16, numNegatives: 10,
      learningRate: 0.05, sparseUpdates: true, logEvery: 1, onLog: () => counts.push(tf.memory().numTensors),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(new Set(counts.slice(1)).size).toBe(1); // constant from the second step on (moments made at the first)
    expect(result.losses[19].loss).toBeLessThan(result.losses[0].loss);
    const final = model.itemEmbeddings.dataSync();
    let untouched = 0;
    for (let row = 0; row <= 60; row++) {
      const a = Array.from(final.subarray(row * 8, row * 8 + 8));
      const b = Array.from(initial.subarray(row * 8, row * 8 + 8));
      if (!touched.has(row)) {
        untouched += 1;
        expect(a).toEqual(b);
      } else if (row !== 0) {
        expect(a).not.toEqual(b);
      }
    }
    expect(untouched).toBeGreaterThanOrEqual(10);
    expect(Array.from(final.subarray(0, 8)).every((x) => x === 0)).toBe(true); // padding stays zero
    model.dispose();
    await expect(trainTwoTower({ model: new TwoTowerModel({ numItems: 5 }), loss: presets.bpr(), batches: inner, negatives: sampler, steps: 1, sparseUpdates: true, optimizer: tf.train.sgd(0.1) }))
      .rejects.toThrow("trainTwoTower: argument 'optimizer' must be a LazyAdamOptimizer or none with sparseUpdates: true");
  });

  it('resumes from a checkpoint (moment tables saved and restored) to exactly the same weights', async () => {
    const run = async (stopAt: number | null) => {
      const model = new TwoTowerModel({ numItems: 50, dim: 8, maxHistory: 4, seed: 1 });
      const batches = coveringSource(50, 4, 2);
      const common = { loss: presets.softmaxCrossEntropy({ numItems: 50 }), batchSize: 16, numNegatives: 10, learningRate: 0.05, sparseUpdates: true };
      if (stopAt === null) {
        await trainTwoTower({ ...common, model, batches, negatives: uniformSampler({ numItems: 50, seed: 3 }), steps: 30 });
        return model;
      }
      let saved: TrainingState | undefined;
      await trainTwoTower({ ...common, model, batches, negatives: uniformSampler({ numItems: 50, seed: 3 }), steps: stopAt, checkpointEvery: stopAt, onCheckpoint: async (s) => { saved = s; } });
      model.dispose();
      expect(saved!.optimizer.map((s) => s.shape)).toEqual([[], [51, 8], [8, 8], [8], [51, 8], [8, 8], [8]]);
      expect(saved!.optimizer[0].data[0]).toBe(stopAt);
      const fresh = new TwoTowerModel({ numItems: 50, dim: 8, maxHistory: 4, seed: 99 });
      const before = tf.memory().numTensors;
      await trainTwoTower({ ...common, model: fresh, batches, negatives: uniformSampler({ numItems: 50, seed: 777 }), steps: 30, resume: saved });
      expect(tf.memory().numTensors).toBe(before);
      return fresh;
    };
    const straight = await run(null);
    const resumed = await run(12);
    expect(maxRelativeError(weightsOf(resumed), weightsOf(straight), 1e-5)).toBeLessThan(1e-4);
    // captureState / applyState round trip on the optimizer itself
    const optimizer = new LazyAdamOptimizer({ learningRate: 0.1 });
    const state = await captureState(straight, optimizer, 3);
    const again = new LazyAdamOptimizer({ learningRate: 0.1 });
    await applyState(resumed, again, state);
    expect(again.iterations).toBe(0);
    straight.dispose();
    resumed.dispose();
    optimizer.dispose();
    again.dispose();
  });
});

describe('lazy Adam on the wasm backend', () => {
  let startBackend = 'cpu';
  beforeAll(() => {
    startBackend = tf.getBackend();
  });
  afterAll(async () => {
    await tf.setBackend(startBackend);
  });

  it('gives the same training run as cpu (tensorScatterUpdate on wasm)', async () => {
    const { selectBackend } = await import('@croloss/backends');
    const run = async (backend: 'cpu' | 'wasm') => {
      await selectBackend(backend, { log: () => {} });
      const model = new TwoTowerModel({ numItems: 50, dim: 8, maxHistory: 4, seed: 3 });
      const result = await trainTwoTower({
        model, loss: croLossFunction({ alpha: 1, numItems: 50 }), batches: coveringSource(50, 4, 6), negatives: uniformSampler({ numItems: 50, seed: 7 }),
        steps: 12, batchSize: 16, numNegatives: 12, learningRate: 0.05, sparseUpdates: true,
      });
      const weights = (await Promise.all(model.variables.map((v) => v.data()))).flatMap((d) => Array.from(d));
      model.dispose();
      return { weights, losses: result.losses.map((l) => l.loss) };
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(maxRelativeError(wasm.losses, cpu.losses, 1e-4)).toBeLessThan(1e-4);
    expect(maxRelativeError(wasm.weights, cpu.weights, 1e-4)).toBeLessThan(1e-3);
  });
});
