/** Tests of TwoTowerModel. */
import * as tf from '@tensorflow/tfjs-core';
import { presets, croLossFunction } from '@croloss/loss';
import { uniformSampler } from '@croloss/sampling';
import { maxRelativeError, mulberry32 } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { evaluateModel, trainTwoTower, TwoTowerModel, type BatchSource, type TrainingState } from './index';

/** Synthetic users with clustered tastes: users of cluster c interact with items c*10+1..c*10+10. */
function clusteredSource(seed: number, L: number): BatchSource & { state: number } {
  const rand = mulberry32(seed);
  const draw = (c: number) => c * 10 + 1 + Math.floor(rand() * 10);
  const source = {
    state: 0,
    next(batchSize: number) {
      const histories = new Int32Array(batchSize * L);
      const targets = new Int32Array(batchSize);
      for (let b = 0; b < batchSize; b++) {
        const c = Math.floor(rand() * 5);
        const len = 1 + Math.floor(rand() * L);
        for (let j = L - len; j < L; j++) histories[b * L + j] = draw(c);
        targets[b] = draw(c);
      }
      source.state += 1;
      return { histories, targets };
    },
  };
  return source;
}

function evalUsers(L: number) {
  const histories = new Int32Array(5 * L);
  const targets: number[][] = [];
  for (let c = 0; c < 5; c++) {
    histories[c * L + L - 1] = c * 10 + 1;
    histories[c * L + L - 2] = c * 10 + 2;
    targets.push([c * 10 + 3, c * 10 + 4, c * 10 + 5]);
  }
  return { histories, targets };
}

describe('TwoTowerModel', () => {
  it('user vectors are the normalised linear map of the mean of non-padding history embeddings; items export as unit rows', async () => {
    const model = new TwoTowerModel({ numItems: 9, dim: 4, maxHistory: 3, seed: 3 });
    const [table, kernel, bias] = model.variables.map((v) => v.arraySync() as number[][] | number[]);
    const got = tf.tidy(() => model.userVectors(tf.tensor2d([[0, 2, 5], [7, 7, 1]], undefined, 'int32')).arraySync());
    const expected = [[2, 5], [7, 7, 1]].map((ids) => {
      const mean = [0, 1, 2, 3].map((k) => ids.reduce((s, id) => s + (table as number[][])[id][k], 0) / ids.length);
      const out = [0, 1, 2, 3].map((j) => mean.reduce((s, m, k) => s + m * (kernel as number[][])[k][j], 0) + (bias as number[])[j]);
      const norm = Math.hypot(...out);
      return out.map((v) => v / norm);
    });
    expect(maxRelativeError(got.flat(), expected.flat(), 1e-6)).toBeLessThan(1e-4);
    expect(Array.from(tf.tidy(() => tf.sum(tf.slice(model.itemEmbeddings, [0, 0], [1, 4])).dataSync()))[0]).toBe(0);
    const exported = await model.exportItemEmbeddings();
    expect([exported.numItems, exported.dim, exported.vectors.length]).toEqual([9, 4, 36]);
    const item7 = (table as number[][])[7];
    const norm = Math.hypot(...item7);
    expect(maxRelativeError(exported.vectors.subarray(6 * 4, 7 * 4), item7.map((v) => v / norm), 1e-6)).toBeLessThan(1e-5);
    model.dispose();
  });

  it('learns clustered preferences with CROLoss: Recall@10 rises far above chance, with no tensor leak', async () => {
    const before = tf.memory().numTensors;
    const model = new TwoTowerModel({ numItems: 50, dim: 8, maxHistory: 4, seed: 1 });
    const users = evalUsers(4);
    const recallAt10 = async (m: TwoTowerModel) => (await evaluateModel(m, users, { ns: [10] })).recall[10];
    const untrained = await recallAt10(model);
    const logged: number[] = [];
    const result = await trainTwoTower({
      model, loss: croLossFunction({ alpha: 1, numItems: 50 }), batches: clusteredSource(2, 4),
      negatives: uniformSampler({ numItems: 50, seed: 3 }), steps: 120, batchSize: 32, numNegatives: 20,
      learningRate: 0.05, evaluate: recallAt10, evalEvery: 40, logEvery: 20, onLog: ({ loss }) => logged.push(loss),
    });
    expect(result.steps).toBe(120);
    expect(result.losses.length).toBe(120);
    expect(logged.length).toBe(6);
    expect(result.bestMetric).toBeGreaterThan(0.9);
    expect(result.bestMetric).toBeGreaterThan(untrained + 0.3);
    expect(await recallAt10(model)).toBeCloseTo(result.bestMetric, 6); // best weights restored
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('resumes from a checkpoint to exactly the same weights as an uninterrupted run', async () => {
    const run = async (stopAt: number | null) => {
      const model = new TwoTowerModel({ numItems: 50, dim: 8, maxHistory: 4, seed: 1 });
      const negatives = uniformSampler({ numItems: 50, seed: 3 });
      const rand = clusteredSource(2, 4);
      const batches = { next: (n: number) => rand.next(n) };
      // replay the batch stream deterministically: record batches once
      const common = { model, loss: presets.softmaxCrossEntropy({ numItems: 50 }), negatives, batchSize: 16, numNegatives: 10, learningRate: 0.05 };
      let saved: TrainingState | undefined;
      if (stopAt !== null) {
        await trainTwoTower({ ...common, batches, steps: stopAt, onCheckpoint: async (s) => { saved = s; }, checkpointEvery: stopAt });
        model.dispose();
        const fresh = new TwoTowerModel({ numItems: 50, dim: 8, maxHistory: 4, seed: 99 });
        await trainTwoTower({ ...common, model: fresh, negatives: uniformSampler({ numItems: 50, seed: 777 }), batches, steps: 30, resume: saved });
        return fresh;
      }
      await trainTwoTower({ ...common, batches, steps: 30 });
      return model;
    };
    const straight = await run(null);
    const resumed = await run(12);
    const a = straight.variables.flatMap((v) => Array.from(v.dataSync()));
    const b = resumed.variables.flatMap((v) => Array.from(v.dataSync()));
    expect(maxRelativeError(b, a, 1e-5)).toBeLessThan(1e-4);
    const other = new TwoTowerModel({ numItems: 51, dim: 8, maxHistory: 4 });
    const saved = await (await import('./training-state')).captureState(straight, tf.train.adam(0.1), 1);
    await expect((await import('./training-state')).applyState(other, tf.train.adam(0.1), saved)).rejects.toThrow('applyState: the checkpoint was saved with numItems = 50, the model has 51');
    other.dispose();
    straight.dispose();
    resumed.dispose();
  });

  it('a resumed run keeps early stopping exact: the best weights and the patience counter survive the checkpoint', async () => {
    // Validation "Recall" scripted per evaluation: best at the 2nd check (step 10), then worse; patience 3 stops at step 25.
    const script = [0.2, 0.5, 0.4, 0.3, 0.35, 0.1, 0.1, 0.1];
    const scripted = (offset: number) => {
      let calls = offset;
      return async () => script[calls++];
    };
    const common = { loss: croLossFunction({ alpha: 1, numItems: 50 }), batchSize: 16, numNegatives: 10, learningRate: 0.05, evalEvery: 5, patience: 3, checkpointEvery: 5 };
    const straightModel = new TwoTowerModel({ numItems: 50, dim: 8, maxHistory: 4, seed: 1 });
    const straight = await trainTwoTower({ ...common, model: straightModel, batches: clusteredSource(7, 4), negatives: uniformSampler({ numItems: 50, seed: 3 }), steps: 40, evaluate: scripted(0) });
    expect([straight.steps, straight.bestStep, straight.stoppedEarly]).toEqual([25, 10, true]);

    const before = tf.memory().numTensors;
    const batches = clusteredSource(7, 4);
    const first = new TwoTowerModel({ numItems: 50, dim: 8, maxHistory: 4, seed: 1 });
    let saved: TrainingState | undefined;
    await trainTwoTower({ ...common, model: first, batches, negatives: uniformSampler({ numItems: 50, seed: 3 }), steps: 15, evaluate: scripted(0), onCheckpoint: async (s) => { saved = s; } });
    first.dispose();
    expect(saved?.step).toBe(15);
    expect(saved?.best?.step).toBe(10);
    expect(saved?.evalsWithoutGain).toBe(1);
    expect(saved?.bestWeights?.length).toBe(straightModel.variables.length);
    const resumedModel = new TwoTowerModel({ numItems: 50, dim: 8, maxHistory: 4, seed: 99 });
    const resumed = await trainTwoTower({ ...common, model: resumedModel, batches, negatives: uniformSampler({ numItems: 50, seed: 777 }), steps: 40, evaluate: scripted(3), resume: saved });
    expect([resumed.steps, resumed.bestStep, resumed.bestMetric, resumed.stoppedEarly]).toEqual([25, 10, 0.5, true]);
    const a = straightModel.variables.flatMap((v) => Array.from(v.dataSync()));
    const b = resumedModel.variables.flatMap((v) => Array.from(v.dataSync()));
    expect(maxRelativeError(b, a, 1e-5)).toBeLessThan(1e-4);
    resumedModel.dispose();
    expect(tf.memory().numTensors).toBe(before);
    straightModel.dispose();
  });

  it('rejects bad configs and mismatched batches, naming the argument', async () => {
    expect(() => new TwoTowerModel({ numItems: 0 })).toThrow("TwoTowerModel: argument 'config.numItems' must be an integer >= 1, got 0");
    expect(() => new TwoTowerModel({ numItems: 5, tau: -1 })).toThrow("argument 'config.tau' must be a finite number > 0, got -1");
    const model = new TwoTowerModel({ numItems: 5, dim: 2, maxHistory: 3 });
    await expect(trainTwoTower({ model, loss: presets.bpr(), batches: { next: () => ({ histories: new Int32Array(2), targets: new Int32Array(1) }) }, negatives: uniformSampler({ numItems: 5, seed: 1 }), steps: 1, batchSize: 1, numNegatives: 2 }))
      .rejects.toThrow('trainTwoTower: the batch source returned 1 targets and 2 history ids, expected 1 and 3');
    await expect(trainTwoTower({ model, loss: {} as never, batches: clusteredSource(1, 3), negatives: uniformSampler({ numItems: 5, seed: 1 }), steps: 1 }))
      .rejects.toThrow("trainTwoTower: argument 'loss'");
    model.dispose();
  });
});
