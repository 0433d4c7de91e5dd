/// <reference types="node" />
// trainTowers and friends on tfjs-layers towers: gradients reach every weight, learning, exact resume, early stopping, datasets, save/load, evaluation.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { softplus } from '@croloss/kernels';
import { presets, weightedCroLoss } from '@croloss/loss';
import { popularitySampler } from '@croloss/sampling';
import { expectThrowNoLeak, mulberry32 } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import {
  arrayBatches, embedCorpus, evaluateTowers, exportCandidateVectors, fileIO, registerTowerLayers, retrievalTask, trainTowers,
  twoTowerTowers, type TowersState,
} from './index';

const L = 4;
const NUM_ITEMS = 50;

/** Clustered interactions: users of cluster c read items c*10+1..c*10+10 (5 clusters). */
function clusteredExamples(seed: number, n: number) {
  const rand = mulberry32(seed);
  const histories = new Int32Array(n * L);
  const targets = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rand() * 5);
    const len = 1 + Math.floor(rand() * L);
    for (let j = L - len; j < L; j++) histories[i * L + j] = c * 10 + 1 + Math.floor(rand() * 10);
    targets[i] = c * 10 + 1 + Math.floor(rand() * 10);
  }
  return { histories, targets };
}

const corpus = { size: NUM_ITEMS + 1, features: (a: number, b: number) => tf.tensor2d(Int32Array.from({ length: b - a }, (_, i) => a + i), [b - a, 1], 'int32') };
const evalQueries = () => {
  const h = new Int32Array(5 * L);
  const targets: number[][] = [];
  for (let c = 0; c < 5; c++) {
    h[c * L + L - 1] = c * 10 + 1;
    h[c * L + L - 2] = c * 10 + 2;
    targets.push([c * 10 + 3, c * 10 + 4, c * 10 + 5]);
  }
  return { queries: tf.tensor2d(h, [5, L], 'int32'), targets };
};

function setup(seed: number) {
  const towers = twoTowerTowers({ numItems: NUM_ITEMS, dim: 8, maxHistory: L, userLayers: [8], itemDense: true, seed });
  const data = clusteredExamples(seed + 1, 400);
  const batches = arrayBatches({ query: { values: data.histories, shape: [400, L] }, candidate: { values: data.targets, shape: [400, 1] }, candidateIds: data.targets, seed: seed + 2 });
  const counts = new Float64Array(NUM_ITEMS + 1);
  data.targets.forEach((t) => (counts[t] += 1));
  for (let i = 1; i <= NUM_ITEMS; i++) counts[i] += 1;
  const sampler = popularitySampler({ counts: Array.from(counts), seed: seed + 3, low: 1 });
  const negatives = { sampler, count: 16, features: (ids: Int32Array) => tf.tensor2d(ids, [ids.length, 1], 'int32') };
  const task = retrievalTask({ loss: weightedCroLoss({ kernel: softplus(), alpha: 1, numItems: NUM_ITEMS }), tau: 10 });
  return { ...towers, batches, negatives, task };
}

const weightsOf = (m: tfl.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

describe('trainTowers on tfjs-layers towers', () => {
  it('gradients of the task loss reach every trainable weight of both towers (shared embedding, hidden layer, item dense)', () => {
    const { queryModel, candidateModel, batches, task } = setup(1);
    const vars = [...new Set([...queryModel.trainableWeights, ...candidateModel.trainableWeights].map((w) => w.read() as tf.Variable))];
    expect(vars.map((v) => v.name.split('/').slice(-2).join('/')).sort()).toEqual(
      ['item_dense/bias', 'item_dense/kernel', 'item_embedding/embeddings', 'user_dense_0/bias', 'user_dense_0/kernel', 'user_dense_1/bias', 'user_dense_1/kernel'].sort(),
    );
    const before = tf.memory().numTensors;
    const batch = batches.next(32);
    const { value, grads } = tf.variableGrads(() => task.call({
      queryEmbeddings: queryModel.apply(batch.query as tf.Tensor, { training: true }) as tf.Tensor2D,
      candidateEmbeddings: candidateModel.apply(batch.candidate as tf.Tensor, { training: true }) as tf.Tensor2D,
      candidateIds: batch.candidateIds,
    }).loss, vars);
    for (const v of vars) expect(tf.tidy(() => tf.max(tf.abs(grads[v.name])).dataSync()[0]), v.name).toBeGreaterThan(0);
    tf.dispose([value, ...Object.values(grads), batch.query, batch.candidate]);
    expect(tf.memory().numTensors).toBe(before);
    queryModel.dispose();
    candidateModel.dispose();
  });

  it('learns the clusters (Recall@10 from chance to > 0.5), reads losses back in batches, and leaks nothing', async () => {
    const { queryModel, candidateModel, batches, negatives, task } = setup(2);
    const { queries, targets } = evalQueries();
    const evaluate = async () => (await evaluateTowers({ queryModel, candidateModel, queries, targets, corpus, ns: [10], excludeItems: [0] })).recall[10];
    const initial = await evaluate();
    const before = tf.memory().numTensors;
    const logs: number[] = [];
    const result = await trainTowers({ queryModel, candidateModel, task, batches, negatives, steps: 60, batchSize: 32, learningRate: 0.02, logEvery: 20, onLog: (i) => logs.push(i.step) });
    expect(tf.memory().numTensors).toBe(before);
    expect(logs).toEqual([20, 40, 60]);
    expect(result.losses).toHaveLength(60);
    const final = await evaluate();
    expect(initial).toBeLessThan(0.4);
    expect(final).toBeGreaterThan(0.5);
    expect(result.losses.slice(-10).reduce((s, l) => s + l.loss, 0)).toBeLessThan(result.losses.slice(0, 10).reduce((s, l) => s + l.loss, 0));
    tf.dispose(queries);
    queryModel.dispose();
    candidateModel.dispose();
  });

  it('resume: 4 steps, a checkpoint, 4 more in a fresh process equal 8 straight steps (weights, Adam slots, streams)', async () => {
    const straight = setup(3);
    await trainTowers({ ...straight, steps: 8, batchSize: 16, learningRate: 0.02 });
    const first = setup(3);
    let saved: TowersState | undefined;
    await trainTowers({ ...first, steps: 4, batchSize: 16, learningRate: 0.02, checkpointEvery: 4, onCheckpoint: async (s) => { saved = s; } });
    expect(saved?.step).toBe(4);
    expect(saved?.optimizer.length).toBeGreaterThan(0);
    const second = setup(3); // fresh towers and streams, everything from the checkpoint
    await trainTowers({ ...second, steps: 8, batchSize: 16, learningRate: 0.02, resume: saved });
    const a = [...weightsOf(straight.queryModel), ...weightsOf(straight.candidateModel)].flat();
    const b = [...weightsOf(second.queryModel), ...weightsOf(second.candidateModel)].flat();
    expect(b.length).toBe(a.length);
    b.forEach((v, i) => expect(Math.abs(v - a[i])).toBeLessThan(1e-6));
    for (const s of [straight, first, second]) {
      s.queryModel.dispose();
      s.candidateModel.dispose();
    }
  });

  it('early stopping on a validation metric restores the best weights; a tf.data-style dataset of batches feeds it', async () => {
    const { queryModel, candidateModel, batches, task } = setup(4);
    const dataset = { iterator: async () => (async function* () { for (let i = 0; i < 3; i++) yield batches.next(16); })() };
    const metrics = [0.5, 0.7, 0.6, 0.65, 0.6];
    let snapshotAtBest: number[] = [];
    let call = 0;
    const result = await trainTowers({
      queryModel, candidateModel, task, batches: dataset, steps: 100, evalEvery: 2, patience: 3,
      evaluate: async () => {
        const m = metrics[call++];
        if (m === 0.7) snapshotAtBest = weightsOf(queryModel).flat();
        return m;
      },
    });
    expect(result.stoppedEarly).toBe(true);
    expect(result.steps).toBe(10); // evaluations at 2, 4 (best), 6, 8, 10: three without gain
    expect(result.bestStep).toBe(4);
    expect(result.bestMetric).toBe(0.7);
    expect(weightsOf(queryModel).flat()).toEqual(snapshotAtBest);
    queryModel.dispose();
    candidateModel.dispose();
  });

  it('save both towers with fileIO (model.json + weights.bin); loading them back by fileIO and over HTTP (as a browser does) gives the same scores; exported vectors carry ids', async () => {
    const { queryModel, candidateModel } = setup(5);
    const dir = mkdtempSync(join(tmpdir(), 'croloss-towers-'));
    try {
      await queryModel.save(fileIO(join(dir, 'query')));
      await candidateModel.save(fileIO(join(dir, 'candidate')));
      registerTowerLayers();
      const manifest = JSON.parse(readFileSync(join(dir, 'query', 'model.json'), 'utf8'));
      expect(manifest.format).toBe('layers-model');
      expect(manifest.weightsManifest[0].paths).toEqual(['weights.bin']); // relative to model.json, loadable over http
      expect(statSync(join(dir, 'query', 'weights.bin')).size).toBe(queryModel.countParams() * 4);
      const q2 = await tfl.loadLayersModel(fileIO(join(dir, 'query')));
      // what a browser does: tf.loadLayersModel(url) over HTTP (tfjs's http handler, Node 20's fetch) from a static server
      const server = createServer((request, response) => {
        try {
          response.end(readFileSync(join(dir, decodeURIComponent(new URL(request.url!, 'http://x').pathname))));
        } catch {
          response.statusCode = 404;
          response.end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      const c2 = await tfl.loadLayersModel(`http://127.0.0.1:${port}/candidate/model.json`).finally(() => server.close());
      const { queries } = evalQueries();
      const scores = (q: tfl.LayersModel, c: tfl.LayersModel) => tf.tidy(() => {
        const items = embedCorpus(c, corpus);
        return Array.from(tf.matMul(q.predict(queries) as tf.Tensor2D, items, false, true).dataSync());
      });
      const a = scores(queryModel, candidateModel);
      expect(scores(q2, c2)).toEqual(a);
      const exported = await exportCandidateVectors(c2, { ...corpus, ids: Int32Array.from({ length: NUM_ITEMS + 1 }, (_, i) => 1000 + i) });
      expect(exported.dim).toBe(8);
      expect(exported.ids[3]).toBe(1003);
      expect(exported.vectors.length).toBe((NUM_ITEMS + 1) * 8);
      const norm = Math.hypot(...exported.vectors.subarray(8 * 3, 8 * 4));
      expect(norm).toBeCloseTo(1, 5);
      tf.dispose(queries);
      [q2, c2].forEach((m) => m.dispose());
    } finally {
      rmSync(dir, { recursive: true, force: true });
      queryModel.dispose();
      candidateModel.dispose();
    }
  });

  it('evaluateTowers equals a float64 brute-force Recall@N and HitRate@N', async () => {
    const { queryModel, candidateModel } = setup(6);
    const { queries, targets } = evalQueries();
    const m = await evaluateTowers({ queryModel, candidateModel, queries, targets, corpus, ns: [5, 20], excludeItems: [0] });
    const q = (queryModel.predict(queries) as tf.Tensor2D);
    const items = embedCorpus(candidateModel, corpus);
    const qv = q.arraySync();
    const iv = items.arraySync();
    tf.dispose([q, items, queries]);
    for (const n of [5, 20]) {
      let recall = 0;
      let hits = 0;
      qv.forEach((u, r) => {
        const ranked = iv.map((v, id) => ({ id, s: u.reduce((s, x, k) => s + x * v[k], 0) })).filter((e) => e.id !== 0).sort((x, y) => y.s - x.s || x.id - y.id);
        const top = new Set(ranked.slice(0, n).map((e) => e.id));
        const found = targets[r].filter((t) => top.has(t)).length;
        recall += found / targets[r].length;
        hits += found > 0 ? 1 : 0;
      });
      expect(m.recall[n]).toBeCloseTo(recall / 5, 6);
      expect(m.hitRate[n]).toBeCloseTo(hits / 5, 6);
    }
    queryModel.dispose();
    candidateModel.dispose();
  });

  it('bad inputs: a tower returning rank 3, towers of different widths, a corpus smaller than N, bad options', async () => {
    const { queryModel, candidateModel, batches, task } = setup(7);
    const ids = tfl.input({ shape: [L], dtype: 'int32' });
    const rank3 = tfl.model({ inputs: ids, outputs: tfl.layers.embedding({ inputDim: NUM_ITEMS + 1, outputDim: 8 }).apply(ids) as tfl.SymbolicTensor });
    const item = tfl.input({ shape: [1], dtype: 'int32' });
    const wide = tfl.model({ inputs: item, outputs: tfl.layers.flatten().apply(tfl.layers.embedding({ inputDim: NUM_ITEMS + 1, outputDim: 5 }).apply(item)) as tfl.SymbolicTensor });
    await expect(trainTowers({ queryModel: rank3, candidateModel, task, batches, steps: 1, batchSize: 4 })).rejects.toThrow(
      "trainTowers: argument 'queryModel' must be a model whose output has rank 2, shape [4, d] (one embedding per input row), got \"output shape [4,4,8]\"");
    await expect(trainTowers({ queryModel, candidateModel: wide, task, batches, steps: 1, batchSize: 4 })).rejects.toThrow(
      "retrievalTask.call: argument 'candidateEmbeddings' must be shape [4, 8] (the query tower's output width d = 8; the towers' output dims differ), got \"shape [4,5]\"");
    const { queries, targets } = evalQueries();
    await expect(evaluateTowers({ queryModel, candidateModel, queries, targets, corpus, ns: [10, 51], excludeItems: [0] })).rejects.toThrow(
      "evaluateTowers: argument 'ns' must be cut-offs N <= 50 (the corpus of 51 rows minus excluded ones), got [10, 51]");
    await expect(evaluateTowers({ queryModel, candidateModel: wide, queries, targets, corpus, ns: [10] })).rejects.toThrow("the towers' output dims differ");
    expectThrowNoLeak(() => arrayBatches({ query: { values: new Int32Array(3), shape: [3, 1] }, candidate: { values: new Int32Array(3), shape: [3, 1] }, candidateIds: [1, 2.5, 3] }),
      "arrayBatches: argument 'candidateIds[1]' must be an integer id, got 2.5");
    await expect(trainTowers({ queryModel, candidateModel, task, batches, steps: 1, learningRate: -1 })).rejects.toThrow("trainTowers: argument 'learningRate' must be a finite number > 0, got -1");
    await expect(trainTowers({ queryModel, candidateModel: {} as never, task, batches, steps: 1 })).rejects.toThrow("trainTowers: argument 'candidateModel' must be a tf.LayersModel");
    tf.dispose(queries);
    [queryModel, candidateModel, rank3, wide].forEach((m) => m.dispose());
  });

  it('a plain preset (softmax) trains the same towers too', async () => {
    const { queryModel, candidateModel, batches, negatives } = setup(8);
    const task = retrievalTask({ loss: presets.softmaxCrossEntropy(), tau: 10 });
    const result = await trainTowers({ queryModel, candidateModel, task, batches, negatives, steps: 5, batchSize: 16 });
    expect(result.losses.every((l) => Number.isFinite(l.loss) && l.loss > 0)).toBe(true);
    queryModel.dispose();
    candidateModel.dispose();
  });
});
