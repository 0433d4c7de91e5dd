// retrievalTask against float64: scores, masks (accidental hits), importance weights of in-batch, sampled and mixed negatives.
import * as tf from '@tensorflow/tfjs-core';
import { exponential, softplus } from '@croloss/kernels';
import { presets, weightedCroLoss } from '@croloss/loss';
import { expectNoLeaks, expectThrowNoLeak, maxRelativeError, randomNormalArray } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { negativeLogWeights, retrievalTask } from './index';

const B = 5;
const M = 4;
const D = 3;
const rows = (v: ArrayLike<number>, w: number) => Array.from({ length: v.length / w }, (_, i) => Array.from(v).slice(i * w, (i + 1) * w));
const query = rows(randomNormalArray(1, B * D), D);
const cand = rows(randomNormalArray(2, B * D), D);
const samp = rows(randomNormalArray(3, M * D), D);
const candIds = [7, 3, 7, 12, 5]; // rows 0 and 2 share a positive: accidental in-batch hits
const sampIds = [3, 40, 7, 41]; // 3 and 7 are accidental hits of rows 1 and 0, 2
const qSampled = [0.05, 0.01, 0.2, 0.002];
const qS = (id: number) => ({ 3: 0.05, 40: 0.01, 7: 0.2, 41: 0.002, 12: 0.03, 5: 0.04 } as Record<number, number>)[id] ?? 0.001;
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const softplus64 = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/** float64: per row log(c + sum_j keep_bj w_j phi(tau (s_bj - s_b))) / log(|I| + 1) for the weighted softplus CROLoss, alpha 1. */
function reference(tau: number, logW: number[] | null, inBatch: boolean, sampled: boolean, numItems: number): number[] {
  const colVecs = [...(inBatch ? cand : []), ...(sampled ? samp : [])];
  const colIds = [...(inBatch ? candIds : []), ...(sampled ? sampIds : [])];
  return query.map((q, b) => {
    const pos = tau * dot(q, cand[b]);
    let r = 1;
    colVecs.forEach((v, j) => {
      if ((inBatch && j === b) || colIds[j] === candIds[b]) return;
      r += Math.exp(logW ? logW[j] : 0) * softplus64(tau * dot(q, v) - pos);
    });
    return Math.log(r) / Math.log(numItems + 1);
  });
}

function run(task: ReturnType<typeof retrievalTask>, extra: Partial<Parameters<ReturnType<typeof retrievalTask>['call']>[0]> = {}, withSampled = true): number[] {
  return tf.tidy(() => {
    const out = task.call({
      queryEmbeddings: tf.tensor2d(query), candidateEmbeddings: tf.tensor2d(cand), candidateIds: candIds,
      sampled: withSampled ? { embeddings: tf.tensor2d(samp), ids: sampIds, probabilities: qSampled } : undefined,
      ...extra,
    });
    expect(out.loss.dataSync()[0]).toBeCloseTo(Array.from(out.perExample.dataSync()).reduce((a, b) => a + b, 0) / B, 5);
    return Array.from(out.perExample.dataSync());
  });
}

describe('retrievalTask', () => {
  const numItems = 100;
  const loss = weightedCroLoss({ kernel: softplus(), alpha: 1, numItems });

  it('sampled negatives only: w_j = 1 / (M q_j), accidental hits by id removed; equals float64', async () => {
    const task = retrievalTask({ loss, tau: 2, inBatchNegatives: false });
    let got: number[] = [];
    await expectNoLeaks(() => { got = run(task); });
    const logW = qSampled.map((q) => -Math.log(M * q));
    expect(maxRelativeError(got, reference(2, logW, false, true, numItems))).toBeLessThan(1e-5);
  });

  it('in-batch only with the batch frequency: w = 1 / ((B - 1) count / B); duplicates of the positive removed', () => {
    const task = retrievalTask({ loss, tau: 2 });
    const got = run(task, {}, false);
    const freq = (id: number) => candIds.filter((x) => x === id).length / B;
    const logW = candIds.map((id) => -Math.log((B - 1) * freq(id)));
    expect(maxRelativeError(got, reference(2, logW, true, false, numItems))).toBeLessThan(1e-5);
  });

  it('mixed: w = 1 / ((B - 1) q_in + M q_s) on every column (q_in a given global estimate), equals float64', () => {
    const task = retrievalTask({ loss, tau: 1.5 });
    const qIn = (id: number) => ({ 7: 0.1, 3: 0.05, 12: 0.02, 5: 0.08 } as Record<number, number>)[id] ?? 0;
    const got = run(task, { inBatchProbability: qIn, sampledProbability: qS });
    const logW = [...candIds, ...sampIds].map((id) => -Math.log((B - 1) * qIn(id) + M * qS(id)));
    expect(maxRelativeError(got, reference(1.5, logW, true, true, numItems))).toBeLessThan(1e-5);
    const host = negativeLogWeights({ inBatch: { ids: Int32Array.from(candIds), q: candIds.map(qIn) }, sampled: { ids: Int32Array.from(sampIds), q: qSampled }, qIn, qSampled: qS });
    expect(maxRelativeError(host, logW)).toBeLessThan(1e-6);
  });

  it('a plain preset (softmax) gets the log-q logit correction: log(1 + sum_j e^(s_j - log(M q_j) - s_pos)) in float64', () => {
    const task = retrievalTask({ loss: presets.softmaxCrossEntropy(), tau: 3, inBatchNegatives: false });
    const got = run(task);
    const expected = query.map((q, b) => {
      const pos = 3 * dot(q, cand[b]);
      return Math.log(1 + samp.reduce((s, v, j) => s + (sampIds[j] === candIds[b] ? 0 : Math.exp(3 * dot(q, v) - Math.log(M * qSampled[j]) - pos)), 0));
    });
    expect(maxRelativeError(got, expected)).toBeLessThan(1e-5);
    // and it equals the weighted exponential CROLoss with the same weights (alpha 1, unnormalised): the exact relation
    const weightedSoftmax = retrievalTask({ loss: weightedCroLoss({ kernel: exponential(), alpha: 1, normalize: false }), tau: 3, inBatchNegatives: false });
    expect(maxRelativeError(run(weightedSoftmax), expected)).toBeLessThan(1e-5);
  });

  it('without probabilities the negatives are unweighted (sampled only)', () => {
    const task = retrievalTask({ loss, tau: 2, inBatchNegatives: false });
    const got = tf.tidy(() => Array.from(task.call({
      queryEmbeddings: tf.tensor2d(query), candidateEmbeddings: tf.tensor2d(cand), candidateIds: candIds,
      sampled: { embeddings: tf.tensor2d(samp), ids: sampIds },
    }).perExample.dataSync()));
    expect(maxRelativeError(got, reference(2, null, false, true, numItems))).toBeLessThan(1e-5);
  });

  it('bad inputs: towers of different widths, rank-3 output, non-integer ids, q outside (0, 1], mixed without q_s', () => {
    const task = retrievalTask({ loss });
    const good = () => ({ queryEmbeddings: tf.tensor2d(query), candidateEmbeddings: tf.tensor2d(cand), candidateIds: candIds });
    expectThrowNoLeak(() => tf.tidy(() => task.call({ ...good(), candidateEmbeddings: tf.zeros([B, D + 1]) as tf.Tensor2D })),
      "retrievalTask.call: argument 'candidateEmbeddings' must be shape [5, 3] (the query tower's output width d = 3; the towers' output dims differ), got \"shape [5,4]\"");
    expectThrowNoLeak(() => tf.tidy(() => task.call({ ...good(), queryEmbeddings: tf.zeros([B, 2, D]) as unknown as tf.Tensor2D })),
      "argument 'queryEmbeddings' must be a tensor of rank 2, shape [N, d] (a tower must return one embedding per row), got \"shape [5,2,3]\"");
    expectThrowNoLeak(() => tf.tidy(() => task.call({ ...good(), candidateIds: [7, 3, 7.5, 12, 5] })), "argument 'candidateIds[2]' must be an integer id, got 7.5");
    expectThrowNoLeak(() => tf.tidy(() => task.call({ ...good(), sampled: { embeddings: tf.tensor2d(samp), ids: sampIds, probabilities: [0.1, 0, 0.2, 0.3] }, sampledProbability: qS })),
      "argument 'sampled.probabilities[1]' must be a probability in (0, 1] (a negative's per-draw probability), got 0");
    expectThrowNoLeak(() => tf.tidy(() => task.call({ ...good(), sampled: { embeddings: tf.tensor2d(samp), ids: sampIds, probabilities: [0.1, 1.5, 0.2, 0.3] }, sampledProbability: qS })),
      "'sampled.probabilities[1]' must be a probability in (0, 1]", 'got 1.5');
    expectThrowNoLeak(() => tf.tidy(() => task.call({ ...good(), sampled: { embeddings: tf.tensor2d(samp), ids: sampIds, probabilities: qSampled } })),
      "retrievalTask.call: argument 'sampledProbability' must be the sampler's q_s(id)");
    expectThrowNoLeak(() => retrievalTask({ loss: {} as never }), "retrievalTask: argument 'loss' must be a loss with fromScores or fromWeightedScores");
    expectThrowNoLeak(() => retrievalTask({ loss, tau: 0 }), "retrievalTask: argument 'tau' must be a finite number > 0, got 0");
  });
});
