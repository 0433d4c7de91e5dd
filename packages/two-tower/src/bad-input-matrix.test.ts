/**
 * Bad-input matrix of @croloss/two-tower: every public function against every applicable category.
 * ✓ = tested here, ✓(tt) = two-tower.test.ts, n.a. = the category does not apply. Every throw is checked for leaked
 * tensors; every result is computed with no tensor left behind.
 *
 * | function                       | wrong rank   | mismatched shapes       | NaN / Inf                    | bad numbers (NaN, < 1)          | zero negatives        | empty batch         | int / float dtype   |
 * |--------------------------------|--------------|-------------------------|------------------------------|---------------------------------|-----------------------|---------------------|---------------------|
 * | new TwoTowerModel(config)      | n.a.         | n.a.                    | ✓ tau, initStd, seed         | ✓(tt) numItems 0, tau -1; ✓ NaN | n.a.                  | n.a.                | n.a.                |
 * | model.userVectors              | ✓ throws     | n.a. (any L)            | n.a. (ids)                   | n.a.                            | n.a.                  | ✓ [0, d]; L = 0 ✓   | ✓ float ids = int32 |
 * | model.itemVectors              | ✓ throws     | n.a.                    | n.a. (ids)                   | n.a.                            | n.a.                  | ✓ [0, d]            | ✓ float ids = int32 |
 * | model.score                    | ✓ throws     | ✓ d throws              | n.a.                         | n.a.                            | ✓ [B, 0]              | ✓ [0, M]            | n.a.                |
 * | model.restore                  | ✓ throws     | ✓(tt) count; ✓ shape    | n.a.                         | ✓ not tensors                   | n.a.                  | n.a.                | n.a.                |
 * | model (disposed)               | n.a.         | n.a.                    | n.a.                         | ✓ every call throws             | n.a.                  | n.a.                | n.a.                |
 * | l2NormalizeRows                | ✓ throws     | n.a.                    | ✓ NaN row → NaN row, zero row → 0 | n.a.                       | n.a.                  | ✓ [0, d]            | ✓ int32 = float32   |
 * | embeddingLookup                | ✓ throws     | n.a.                    | n.a.                         | ✓ bool ids throw                | n.a.                  | ✓ [0, d]            | ✓ float ids = int32 |
 * | denseMatMul                    | ✓ throws     | ✓ inner size throws     | ✓ NaN propagates             | n.a.                            | ✓ [m, 0]              | ✓ [0, n]            | ✓ int32 = float32   |
 * | trainTwoTower                  | n.a.         | ✓(tt) batch; ✓ negatives | ✓ NaN / Inf loss throws at its step | ✓ steps, lr, patience NaN | ✓ numNegatives 0 throws | ✓ batchSize 0 throws | n.a.             |
 * | evaluateModel                  | n.a.         | ✓(tt) histories length  | n.a.                         | ✓ users, options null           | n.a.                  | ✓ throws (no target) | n.a.               |
 * | captureState / applyState      | n.a.         | ✓(tt) config; ✓ data    | n.a.                         | ✓ state null                    | n.a.                  | n.a.                | n.a.                |
 */
import * as tf from '@tensorflow/tfjs-core';
import { croLossFunction } from '@croloss/loss';
import { uniformSampler } from '@croloss/sampling';
import { expectNoLeaks } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import {
  applyState, denseMatMul, embeddingLookup, evaluateModel, l2NormalizeRows, trainTwoTower, TwoTowerModel,
  type BatchSource, type ScoresLoss, type TrainingState,
} from './index';

async function valuesOf(fn: () => tf.Tensor): Promise<{ shape: number[]; values: number[] }> {
  let out: { shape: number[]; values: number[] } | undefined;
  await expectNoLeaks(async () => {
    const t = fn();
    out = { shape: t.shape, values: Array.from(await t.data()) };
    return t;
  });
  return out!;
}

/** Asserts `call` throws (or rejects) with every fragment and leaves no tensor behind. */
async function expectThrowNoLeak(call: () => unknown, ...fragments: string[]): Promise<void> {
  const before = tf.memory().numTensors;
  let message = '(did not throw)';
  try {
    const result = await call();
    if (result instanceof tf.Tensor) result.dispose();
  } catch (e) {
    message = (e as Error).message;
  }
  for (const fragment of fragments) expect(message).toContain(fragment);
  expect(tf.memory().numTensors).toBe(before);
}

const L = 3;
/** Histories of items 1..3 and targets 4, every row alike. */
const source = (): BatchSource => ({
  next: (n) => ({ histories: new Int32Array(n * L).fill(2), targets: new Int32Array(n).fill(4) }),
});

describe('two-tower: bad-input matrix — the model and its ops', () => {
  const model = new TwoTowerModel({ numItems: 9, dim: 4, maxHistory: L, seed: 1 });
  // every tensor a call takes is made here, outside the counted regions
  const intHistories = tf.tensor2d([[0, 2, 5], [7, 7, 1]], undefined, 'int32');
  const floatHistories = tf.tensor2d([[0, 2, 5], [7, 7, 1]]);
  const flatHistories = tf.tensor1d([0, 2, 5], 'int32');
  const stringIds = tf.tensor1d(['1', '2']);
  const noUsers = tf.zeros([0, L], 'int32');
  const noHistory = tf.zeros([2, 0], 'int32');
  const paddingOnly = tf.zeros([2, L], 'int32');
  const intIds = tf.tensor1d([1, 4, 4], 'int32');
  const floatIds = tf.tensor1d([1, 4, 4]);
  const boolIds = tf.tensor1d([1, 0], 'bool');
  const noIds = tf.zeros([0], 'int32');
  const floatIds10 = tf.tensor1d([1, 0]);
  const idMatrix = tf.tensor2d([[1, 2]], undefined, 'int32');
  const unitUsers = tf.tensor2d([[1, 0, 0, 0], [0, 1, 0, 0]]);
  const wideUsers = tf.ones([2, 5]);
  const noUnitUsers = tf.zeros([0, 4]);
  const intMatrix = tf.tensor2d([[3, 4], [0, 0]], undefined, 'int32');
  const floatMatrix = tf.tensor2d([[3, 4], [0, 0]]);
  const nanMatrix = tf.tensor2d([[NaN, 1], [1, 1]]);
  const vector = tf.tensor1d([3, 4]);
  const a23 = tf.ones([2, 3]);
  const b34 = tf.ones([3, 4]);
  const b44 = tf.ones([4, 4]);
  const a20 = tf.zeros([2, 0]);
  const b05 = tf.zeros([0, 5]);
  const b30 = tf.zeros([3, 0]);
  const a03 = tf.zeros([0, 3]);
  const intA = tf.tensor2d([[1, 2, 3], [4, 5, 6]], undefined, 'int32');
  const floatA = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
  const shared = [intHistories, floatHistories, flatHistories, stringIds, noUsers, noHistory, paddingOnly, intIds, floatIds, boolIds, noIds, floatIds10, idMatrix,
    unitUsers, wideUsers, noUnitUsers, intMatrix, floatMatrix, nanMatrix, vector, a23, b34, b44, a20, b05, b30, a03, intA, floatA];

  const configCases: Array<[string, object | null, string]> = [
    ['numItems NaN', { numItems: NaN }, "TwoTowerModel: argument 'config.numItems' must be an integer >= 1, got NaN"],
    ['dim 0', { numItems: 5, dim: 0 }, "TwoTowerModel: argument 'config.dim' must be an integer >= 1, got 0"],
    ['tau NaN', { numItems: 5, tau: NaN }, "TwoTowerModel: argument 'config.tau' must be a finite number > 0, got NaN"],
    ['tau Infinity', { numItems: 5, tau: Infinity }, "TwoTowerModel: argument 'config.tau' must be a finite number > 0, got Infinity"],
    ['initStd -0.1', { numItems: 5, initStd: -0.1 }, "TwoTowerModel: argument 'config.initStd' must be a finite number > 0, got -0.1"],
    ['seed NaN', { numItems: 5, seed: NaN }, "TwoTowerModel: argument 'config.seed' must be a finite number, got NaN"],
    ['userLayers [0]', { numItems: 5, userLayers: [0] }, "TwoTowerModel: argument 'config.userLayers' must be an array of integers >= 1, got [0]"],
    ['config null', null, "TwoTowerModel: argument 'config' must be an object { numItems, ... }, got null"],
  ];
  for (const [label, config, message] of configCases) {
    it(`new TwoTowerModel: rejects ${label}`, () => expectThrowNoLeak(() => new TwoTowerModel(config as never), message));
  }

  const throwCases: Array<[string, () => unknown, ...string[]]> = [
    ['userVectors: histories of rank 1', () => model.userVectors(flatHistories as never), "TwoTowerModel.userVectors: argument 'histories' must have rank 2 ([B, L]), got shape [3]"],
    ['userVectors: an array', () => model.userVectors([[1, 2, 3]] as never), "TwoTowerModel.userVectors: argument 'histories' must be a tf.Tensor of shape [B, L], got [1,2,3]"],
    ['itemVectors: ids of rank 2', () => model.itemVectors(idMatrix as never), "TwoTowerModel.itemVectors: argument 'ids' must have rank 1 ([M]), got shape [1,2]"],
    ['itemVectors: string ids', () => model.itemVectors(stringIds as never), "TwoTowerModel.itemVectors: argument 'ids' must be a tensor of dtype float32, int32 or bool (shape [M]), got \"dtype string\""],
    ['score: user vectors of width 5 for d = 4', () => model.score(wideUsers as tf.Tensor2D, intIds as tf.Tensor1D), "TwoTowerModel.score: argument 'userVectors' must be shape [B, 4] (d = the model's dim), got \"shape [2,5]\""],
    ['score: item ids of rank 2', () => model.score(unitUsers as tf.Tensor2D, idMatrix as never), "TwoTowerModel.score: argument 'itemIds' must have rank 1 ([M]), got shape [1,2]"],
    ['restore: not an array', () => model.restore(floatMatrix as never), "TwoTowerModel.restore: argument 'weights' must be an array of 3 tensors, got object"],
    ['restore: an array of numbers', () => model.restore([1, 2, 3] as never), "TwoTowerModel.restore: argument 'weights[0]' must be a tf.Tensor, got 1"],
    ['restore: a weight of another shape', () => model.restore([floatMatrix, floatMatrix, floatMatrix]), "TwoTowerModel.restore: weight 0 (", 'must have shape [10,4], got [2,2]'],
    ['l2NormalizeRows: rank 1', () => l2NormalizeRows(vector as never), "l2NormalizeRows: argument 'x' must have rank 2 ([N, d]), got shape [2]"],
    ['embeddingLookup: a table of rank 1', () => embeddingLookup(vector as never, intIds), "embeddingLookup: argument 'table' must be a tf.Tensor2D [N, d], got \"shape [2]\""],
    ['embeddingLookup: bool ids', () => embeddingLookup(floatMatrix as tf.Tensor2D, boolIds), "embeddingLookup: argument 'ids' must be a tf.Tensor of int32 (or integer-valued float32) ids, got \"dtype bool\""],
    ['denseMatMul: a of rank 1', () => denseMatMul(vector as never, b34 as tf.Tensor2D), "denseMatMul: argument 'a' must be a tf.Tensor2D [m, k], got \"shape [2]\""],
    ['denseMatMul: inner sizes 3 and 4', () => denseMatMul(a23 as tf.Tensor2D, b44 as tf.Tensor2D), "denseMatMul: argument 'b' must be shape [3, n] (its rows = the columns of a), got \"shape [4,4]\""],
  ];
  for (const [label, call, ...fragments] of throwCases) {
    it(`rejects ${label}`, () => expectThrowNoLeak(call, ...fragments));
  }

  it('userVectors / itemVectors: float ids give the int32 result; empty batches give [0, d]', async () => {
    expect(await valuesOf(() => model.userVectors(floatHistories as tf.Tensor2D))).toEqual(await valuesOf(() => model.userVectors(intHistories as tf.Tensor2D)));
    expect(await valuesOf(() => model.itemVectors(floatIds as tf.Tensor1D))).toEqual(await valuesOf(() => model.itemVectors(intIds as tf.Tensor1D)));
    expect(await valuesOf(() => model.userVectors(noUsers as tf.Tensor2D))).toEqual({ shape: [0, 4], values: [] });
    expect(await valuesOf(() => model.itemVectors(noIds as tf.Tensor1D))).toEqual({ shape: [0, 4], values: [] });
  });

  it('userVectors: an empty history (L = 0) is the same as an all-padding one, finite', async () => {
    const empty = await valuesOf(() => model.userVectors(noHistory as tf.Tensor2D));
    expect(empty).toEqual(await valuesOf(() => model.userVectors(paddingOnly as tf.Tensor2D)));
    expect(empty.values.every(Number.isFinite)).toBe(true);
  });

  it('score: zero items give [B, 0], zero users [0, M]', async () => {
    expect(await valuesOf(() => model.score(unitUsers as tf.Tensor2D, noIds as tf.Tensor1D))).toEqual({ shape: [2, 0], values: [] });
    expect((await valuesOf(() => model.score(noUnitUsers as tf.Tensor2D, intIds as tf.Tensor1D))).shape).toEqual([0, 3]);
  });

  it('l2NormalizeRows: int32 = float32, a zero row stays 0, a NaN row is NaN, empty stays empty', async () => {
    const ints = await valuesOf(() => l2NormalizeRows(intMatrix as tf.Tensor2D));
    expect(ints).toEqual(await valuesOf(() => l2NormalizeRows(floatMatrix as tf.Tensor2D)));
    expect(ints.values.map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.6, 0.8, 0, 0]);
    const nan = await valuesOf(() => l2NormalizeRows(nanMatrix as tf.Tensor2D));
    expect(nan.values.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(nan.values.slice(2).every(Number.isFinite)).toBe(true);
    expect(await valuesOf(() => l2NormalizeRows(noUnitUsers as tf.Tensor2D))).toEqual({ shape: [0, 4], values: [] });
  });

  it('embeddingLookup: float ids give the int32 result (the cast is freed); no ids give [0, d]', async () => {
    expect(await valuesOf(() => embeddingLookup(floatMatrix as tf.Tensor2D, floatIds10))).toEqual({ shape: [2, 2], values: [0, 0, 3, 4] });
    expect(await valuesOf(() => embeddingLookup(floatMatrix as tf.Tensor2D, noIds))).toEqual({ shape: [0, 2], values: [] });
  });

  it('denseMatMul: int32 = float32, NaN propagates, zero-sized products have the right shapes', async () => {
    expect(await valuesOf(() => denseMatMul(intA as tf.Tensor2D, b34 as tf.Tensor2D))).toEqual(await valuesOf(() => denseMatMul(floatA as tf.Tensor2D, b34 as tf.Tensor2D)));
    expect((await valuesOf(() => denseMatMul(nanMatrix as tf.Tensor2D, floatMatrix as tf.Tensor2D))).values.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(await valuesOf(() => denseMatMul(a20 as tf.Tensor2D, b05 as tf.Tensor2D))).toEqual({ shape: [2, 5], values: new Array(10).fill(0) });
    expect(await valuesOf(() => denseMatMul(a23 as tf.Tensor2D, b30 as tf.Tensor2D))).toEqual({ shape: [2, 0], values: [] });
    expect(await valuesOf(() => denseMatMul(a03 as tf.Tensor2D, b34 as tf.Tensor2D))).toEqual({ shape: [0, 4], values: [] });
  });

  it('a disposed model refuses every call', async () => {
    const gone = new TwoTowerModel({ numItems: 3, dim: 2, maxHistory: L });
    gone.dispose();
    await expectThrowNoLeak(() => gone.userVectors(intHistories as tf.Tensor2D), 'TwoTowerModel: the model was disposed');
    await expectThrowNoLeak(() => gone.score(unitUsers as tf.Tensor2D, intIds as tf.Tensor1D), 'TwoTowerModel: the model was disposed');
    await expectThrowNoLeak(() => gone.itemMatrixT(), 'TwoTowerModel: the model was disposed');
  });

  it('the shared inputs are still alive; the model is disposed last', () => {
    expect(shared.some((t) => t.isDisposed)).toBe(false);
    model.dispose();
  });
});

describe('two-tower: bad-input matrix — training, evaluation and checkpoints', () => {
  const common = { loss: croLossFunction({ alpha: 1, numItems: 9 }), batchSize: 4, numNegatives: 5, steps: 3 };

  const optionCases: Array<[string, object, string]> = [
    ['steps NaN', { steps: NaN }, "trainTwoTower: argument 'steps' must be an integer >= 0, got NaN"],
    ['zero negatives (numNegatives 0)', { numNegatives: 0 }, "trainTwoTower: argument 'numNegatives' must be an integer >= 1, got 0"],
    ['an empty batch (batchSize 0)', { batchSize: 0 }, "trainTwoTower: argument 'batchSize' must be an integer >= 1, got 0"],
    ['learningRate NaN', { learningRate: NaN }, "trainTwoTower: argument 'learningRate' must be a finite number > 0, got NaN"],
    ['learningRate -0.1', { learningRate: -0.1 }, "trainTwoTower: argument 'learningRate' must be a finite number > 0, got -0.1"],
    ['patience NaN', { patience: NaN }, "trainTwoTower: argument 'patience' must be an integer >= 1 or Infinity, got NaN"],
    ['patience 0', { patience: 0 }, "trainTwoTower: argument 'patience' must be an integer >= 1 or Infinity, got 0"],
    ['logEvery 0.5', { logEvery: 0.5 }, "trainTwoTower: argument 'logEvery' must be an integer >= 1, got 0.5"],
  ];
  for (const [label, extra, message] of optionCases) {
    it(`trainTwoTower: rejects ${label}, leaking nothing`, async () => {
      const model = new TwoTowerModel({ numItems: 9, dim: 4, maxHistory: L, seed: 1 });
      await expectThrowNoLeak(() => trainTwoTower({ ...common, model, batches: source(), negatives: uniformSampler({ numItems: 9, seed: 2 }), ...extra }), message);
      model.dispose();
    });
  }

  it('trainTwoTower: a negative source returning the wrong sizes throws, leaking nothing', async () => {
    const model = new TwoTowerModel({ numItems: 9, dim: 4, maxHistory: L, seed: 1 });
    const short = { sample: () => ({ ids: new Int32Array(3).fill(1), mask: new Float32Array(12).fill(1) }) };
    await expectThrowNoLeak(() => trainTwoTower({ ...common, model, batches: source(), negatives: short }),
      'trainTwoTower: the negative source returned 3 ids and a mask of 12, expected 5 and 20 (numNegatives, batchSize x numNegatives)');
    model.dispose();
  });

  for (const [label, bad] of [['NaN', NaN], ['Infinity', Infinity]] as const) {
    it(`trainTwoTower: a loss that turns ${label} at step 3 stops training with an error naming the step, and nothing leaks`, async () => {
      const before = tf.memory().numTensors;
      const model = new TwoTowerModel({ numItems: 9, dim: 4, maxHistory: L, seed: 1 });
      const real = croLossFunction({ alpha: 1, numItems: 9 });
      let calls = 0;
      const loss: ScoresLoss = {
        fromScores: (pos, neg, mask) => {
          calls += 1;
          const value = real.fromScores(pos, neg, mask);
          return calls === 3 ? tf.mul(value, bad) : value; // fromScores runs once per step
        },
      };
      const logged: number[] = [];
      let error: unknown;
      try {
        await trainTwoTower({ ...common, model, loss, batches: source(), negatives: uniformSampler({ numItems: 9, seed: 2 }), steps: 10, logEvery: 2, onLog: ({ step }) => logged.push(step) });
      } catch (e) {
        error = e;
      }
      expect(String(error)).toContain(`trainTwoTower: the loss at step 3 is ${label}; training diverged or the loss produced it from its scores`);
      expect(calls).toBe(4); // it stopped at the read-back after step 4 (logEvery 2), not after step 10
      expect(logged).toEqual([2]);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('trainTwoTower: a broken resume state throws and frees the optimizer it made', async () => {
    const model = new TwoTowerModel({ numItems: 9, dim: 4, maxHistory: L, seed: 1 });
    await expectThrowNoLeak(() => trainTwoTower({ ...common, model, batches: source(), negatives: uniformSampler({ numItems: 9, seed: 2 }), resume: { step: 1 } as never }),
      "applyState: argument 'state' must be a TrainingState { step, weights: SavedTensor[], optimizer: SavedTensor[] } from captureState, got object");
    model.dispose();
  });

  it('applyState: null state, and a weight whose data does not fit its shape, throw without leaking', async () => {
    const model = new TwoTowerModel({ numItems: 9, dim: 4, maxHistory: L, seed: 1 });
    const optimizer = tf.train.adam(0.1);
    await expectThrowNoLeak(() => applyState(model, optimizer, null as never), "applyState: argument 'state' must be a TrainingState", 'got null');
    const weights = model.variables.map((v) => ({ name: v.name, shape: v.shape, data: Float32Array.from(v.dataSync()) }));
    const broken: TrainingState = { step: 1, weights: [weights[0], { ...weights[1], data: new Float32Array(3) }, weights[2]], optimizer: [] };
    await expectThrowNoLeak(() => applyState(model, optimizer, broken), 'should have 16 values but has 3');
    optimizer.dispose();
    model.dispose();
  });

  it('evaluateModel: users or options that are not objects, and users without targets, throw without leaking', async () => {
    const model = new TwoTowerModel({ numItems: 9, dim: 4, maxHistory: L, seed: 1 });
    await expectThrowNoLeak(() => evaluateModel(model, null as never, { ns: [1] }), "evaluateModel: argument 'users' must be an object { histories: Int32Array, targets: id lists } (e.g. evaluationSet of @croloss/data), got null");
    await expectThrowNoLeak(() => evaluateModel(model, { histories: 5 as never, targets: [] }, { ns: [1] }), "evaluateModel: argument 'users.histories' must be an Int32Array of users x model maxHistory ids, got 5");
    await expectThrowNoLeak(() => evaluateModel(model, { histories: new Int32Array(L), targets: [[1]] }, null as never), "evaluateModel: argument 'options' must be an object { ns, chunkSize?, maskHistory? }, got null");
    await expectThrowNoLeak(() => evaluateModel(model, { histories: new Int32Array(0), targets: [] }, { ns: [1] }), "evaluateRetrieval: argument 'targets' must be at least one non-empty target list, got \"0 users, none with a target\"");
    model.dispose();
  });
});
