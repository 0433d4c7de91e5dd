/// <reference types="node" />
/**
 * The WebGPU path against the cpu backend: loss values and gradients, the weighting's CDF and the two-tower's
 * custom ops, on random inputs with extreme gaps and ragged sizes. Runs when CROLOSS_WEBGPU=1 (CI installs Mesa
 * lavapipe, a software Vulkan); reads back with `await data()`, since tfjs-webgpu has no synchronous read in Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import { exponential, hinge, sigmoid, softplus, unitStep } from '@croloss/kernels';
import { castToFloat32 } from '@croloss/internal';
import { croLossFromScores, croLossFunction, lambdaCroLossFromScores, presets } from '@croloss/loss';
import { uniformSampler } from '@croloss/sampling';
import { powerLaw } from '@croloss/weighting';
import { maxRelativeError, mulberry32, randomNormalArray } from '@croloss/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denseMatMul, embeddingLookup, trainTwoTower, TwoTowerModel } from './index';

const enabled = process.env.CROLOSS_WEBGPU === '1';

/** Runs `fn` on a backend and returns every output read back (async, as WebGPU in Node requires). */
async function on(backend: string, fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
  const outputs = tf.tidy(fn);
  const values = await Promise.all(outputs.map(async (t) => Float32Array.from(await t.data())));
  tf.dispose(outputs);
  return values;
}

async function expectParity(fn: () => tf.Tensor[], tolerance = 1e-4) {
  const cpu = await on('cpu', fn);
  const gpu = await on('webgpu', fn);
  cpu.forEach((expected, i) => expect(maxRelativeError(gpu[i], expected, 1e-3), `output ${i}`).toBeLessThan(tolerance));
}

function scores(seed: number, batch: number, k: number, scale: number) {
  return {
    pos: () => tf.tensor1d(Array.from(randomNormalArray(seed, batch, 0, scale))),
    neg: () => tf.tensor2d(Array.from(randomNormalArray(seed + 1, batch * k, 0, scale)), [batch, k]),
    mask: () => tf.tensor2d(Array.from({ length: batch * k }, (_, i) => (i % 7 === 3 ? 0 : 1)), [batch, k]),
  };
}

describe.skipIf(!enabled)('WebGPU parity with cpu (lavapipe in CI)', () => {
  beforeAll(async () => {
    const { installNodeWebGPU } = await import('@croloss/backends');
    await installNodeWebGPU();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  const kernels = { sigmoid: sigmoid(), softplus: softplus(), exponential: exponential(), hinge: hinge(), 'unit-step': unitStep() };
  for (const [name, kernel] of Object.entries(kernels)) {
    it(`croLoss with ${name}: values and gradients, ragged 37 x 1,001 with masks`, async () => {
      const s = scores(3, 37, 1001, 0.4);
      await expectParity(() => {
        const f = (p: tf.Tensor, n: tf.Tensor) => croLossFromScores(p, n, { kernel, alpha: 1.2, numItems: 313966, tau: 10, mask: s.mask() });
        const [gp, gn] = tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(f(p, n)))([s.pos(), s.neg()]);
        return [f(s.pos(), s.neg()), gp, gn];
      });
    });
  }

  it('lambda (sigmoid / softplus) and the presets, extreme gaps of +-1e4 included', async () => {
    const s = scores(9, 16, 300, 0.4);
    const extreme = () => tf.tensor2d([[1e3, -1e3, 0, 5], [-1e3, -1e3, -1e3, -1e3]]);
    await expectParity(() => {
      const lambda = (p: tf.Tensor, n: tf.Tensor) => lambdaCroLossFromScores(p, n, { alpha: 1, numItems: 313966, tau: 10 });
      const [gp, gn] = tf.grads((p: tf.Tensor, n: tf.Tensor) => tf.sum(lambda(p, n)))([s.pos(), s.neg()]);
      const softmaxExtreme = presets.softmaxCrossEntropy({ tau: 10 }).fromScores(tf.tensor1d([0, 0]), extreme());
      const gradExtreme = tf.grad((n: tf.Tensor) => tf.sum(croLossFromScores(tf.tensor1d([0, 0]), n, { kernel: softplus(), tau: 10 })))(extreme());
      return [lambda(s.pos(), s.neg()), gp, gn, softmaxExtreme, gradExtreme, presets.bpr().fromScores(s.pos(), s.neg())];
    });
  });

  it('powerLaw cdf and density near alpha = 1 and at alpha 3', async () => {
    const ranks = [1, 2, 17, 999, 313966];
    await expectParity(() => [
      powerLaw({ alpha: 1 + 1e-4, numItems: 313966 }).cdf(ranks),
      powerLaw({ alpha: 3, numItems: 1e8 }).cdf(ranks),
      powerLaw({ alpha: 0.6, numItems: 313966 }).density(ranks),
    ]);
  });

  it('two-tower ops: embedding lookup and dense matmul gradients, model scores', async () => {
    await expectParity(() => {
      const table = tf.tensor2d(Array.from(randomNormalArray(5, 50 * 8)), [50, 8]);
      const ids = tf.tensor2d([[1, 1, 0, 49], [7, 3, 3, 0]], undefined, 'int32');
      const a = tf.tensor2d(Array.from(randomNormalArray(6, 33 * 8)), [33, 8]);
      const b = tf.tensor2d(Array.from(randomNormalArray(7, 8 * 129)), [8, 129]);
      const gTable = tf.grad((t: tf.Tensor) => tf.sum(tf.square(embeddingLookup(t as tf.Tensor2D, ids))))(table);
      const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(denseMatMul(x as tf.Tensor2D, y as tf.Tensor2D))))([a, b]);
      return [gTable, ga, gb];
    });
    const model = new TwoTowerModel({ numItems: 40, dim: 8, maxHistory: 4, seed: 2 });
    const weights = await Promise.all(model.variables.map(async (v) => ({ shape: v.shape, data: await v.data() })));
    model.dispose();
    await expectParity(() => {
      const m = new TwoTowerModel({ numItems: 40, dim: 8, maxHistory: 4, seed: 2 });
      m.restore(weights.map((w) => tf.tensor(w.data, w.shape)));
      const u = m.userVectors(tf.tensor2d([[1, 2, 0, 0], [5, 5, 5, 9]], undefined, 'int32'));
      const out = [m.score(u, tf.tensor1d([0, 3, 40], 'int32')), m.itemMatrixT()];
      m.dispose();
      return out;
    });
  });

  it('a cast bool mask summed over a non-innermost axis, twice (tfjs-webgpu compiled i32 -> f32 TransposeProgram)', async () => {
    await expectParity(() => {
      const ids = tf.tensor2d(Array.from({ length: 64 * 6 }, (_, i) => (i * 7) % 5), [64, 6], 'int32');
      const once = () => tf.sum(tf.expandDims(castToFloat32(tf.notEqual(ids, 0)), 2), 1);
      return [once(), once(), castToFloat32(ids)];
    });
  });

  it('user-tower gradients (lookup -> masked mean -> dense -> L2 norm), taken twice as a training loop does', async () => {
    const model = new TwoTowerModel({ numItems: 60, dim: 8, maxHistory: 5, seed: 4 });
    const weights = await Promise.all(model.variables.map(async (v) => ({ shape: v.shape, data: await v.data() })));
    model.dispose();
    await expectParity(() => {
      const m = new TwoTowerModel({ numItems: 60, dim: 8, maxHistory: 5, seed: 4 });
      m.restore(weights.map((w) => tf.tensor(w.data, w.shape)));
      const histories = tf.tensor2d(Array.from({ length: 40 * 5 }, (_, i) => (i % 3 === 0 ? 0 : 1 + ((i * 13) % 60))), [40, 5], 'int32');
      const direction = tf.tensor2d(Array.from(randomNormalArray(8, 40 * 8)), [40, 8]); // sum(u * direction): a non-constant objective
      const step = () => {
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(m.userVectors(histories), direction)) as tf.Scalar, m.variables);
        return [value, ...m.variables.map((v) => grads[v.name])];
      };
      const out = [...step(), ...step()];
      m.dispose();
      return out;
    });
  });

  it('trainTwoTower: 15 Adam steps on webgpu follow the cpu run (losses and final weights)', async () => {
    const train = async (backend: string) => {
      if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
      const rand = mulberry32(11);
      const L = 4;
      const batches = {
        next(batchSize: number) {
          const histories = new Int32Array(batchSize * L);
          const targets = new Int32Array(batchSize);
          for (let b = 0; b < batchSize; b++) {
            const cluster = Math.floor(rand() * 5);
            for (let j = Math.floor(rand() * L); j < L; j++) histories[b * L + j] = cluster * 10 + 1 + Math.floor(rand() * 10);
            targets[b] = cluster * 10 + 1 + Math.floor(rand() * 10);
          }
          return { histories, targets };
        },
      };
      const model = new TwoTowerModel({ numItems: 50, dim: 8, maxHistory: L, seed: 5 });
      const result = await trainTwoTower({
        model, loss: croLossFunction({ alpha: 1, numItems: 50 }), batches, negatives: uniformSampler({ numItems: 50, seed: 3 }),
        steps: 15, batchSize: 32, numNegatives: 20, learningRate: 0.05,
      });
      const weights = (await Promise.all(model.variables.map((v) => v.data()))).flatMap((d) => Array.from(d));
      model.dispose();
      return { losses: result.losses.map((l) => l.loss), weights };
    };
    const cpu = await train('cpu');
    const gpu = await train('webgpu');
    expect(gpu.losses.every(Number.isFinite)).toBe(true);
    expect(maxRelativeError(gpu.losses, cpu.losses, 1e-3)).toBeLessThan(1e-3);
    expect(maxRelativeError(gpu.weights, cpu.weights, 1e-2)).toBeLessThan(1e-2);
  });
});
