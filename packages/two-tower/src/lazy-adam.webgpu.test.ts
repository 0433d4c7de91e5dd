/// <reference types="node" />
/**
 * Lazy Adam on WebGPU against cpu (tensorScatterUpdate, gathers and the row gradients on the GPU). Runs when
 * CROLOSS_WEBGPU=1 (CI installs Mesa lavapipe); reads back only with `await data()`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { croLossFunction } from '@croloss/loss';
import { uniformSampler } from '@croloss/sampling';
import { maxRelativeError, mulberry32 } from '@croloss/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainTwoTower, TwoTowerModel } from './index';

const enabled = process.env.CROLOSS_WEBGPU === '1';

describe.skipIf(!enabled)('lazy Adam on webgpu follows cpu (lavapipe in CI)', () => {
  beforeAll(async () => {
    const { installNodeWebGPU } = await import('@croloss/backends');
    await installNodeWebGPU();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('trainTwoTower with sparseUpdates: 12 steps, losses and final weights; rows no step touched unchanged', async () => {
    const train = async (backend: string) => {
      if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
      const rand = mulberry32(13);
      const L = 4;
      const batches = {
        next(batchSize: number) {
          const histories = new Int32Array(batchSize * L);
          const targets = new Int32Array(batchSize);
          for (let b = 0; b < batchSize; b++) {
            for (let j = Math.floor(rand() * L); j < L; j++) histories[b * L + j] = 1 + Math.floor(rand() * 40);
            targets[b] = 1 + Math.floor(rand() * 40);
          }
          return { histories, targets };
        },
      };
      const model = new TwoTowerModel({ numItems: 50, dim: 8, maxHistory: L, seed: 5 });
      const initial = Float32Array.from(await model.itemEmbeddings.data());
      const result = await trainTwoTower({
        model, loss: croLossFunction({ alpha: 1, numItems: 50 }), batches, negatives: uniformSampler({ numItems: 40, seed: 3 }),
        steps: 12, batchSize: 32, numNegatives: 20, learningRate: 0.05, sparseUpdates: true,
      });
      const table = Float32Array.from(await model.itemEmbeddings.data());
      const weights = (await Promise.all(model.variables.map((v) => v.data()))).flatMap((d) => Array.from(d));
      model.dispose();
      return { losses: result.losses.map((l) => l.loss), weights, initialTail: Array.from(initial.subarray(41 * 8)), tableTail: Array.from(table.subarray(41 * 8)) };
    };
    const cpu = await train('cpu');
    const gpu = await train('webgpu');
    expect(gpu.losses.every(Number.isFinite)).toBe(true);
    expect(gpu.tableTail).toEqual(gpu.initialTail); // items 41..50 never touched
    expect(maxRelativeError(gpu.losses, cpu.losses, 1e-3)).toBeLessThan(1e-3);
    expect(maxRelativeError(gpu.weights, cpu.weights, 1e-2)).toBeLessThan(1e-2);
  });
});
