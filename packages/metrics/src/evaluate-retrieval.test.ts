/** Tests of evaluateRetrieval. */
import * as tf from '@tensorflow/tfjs-core';
import { expectNoLeaks, leakedTensors, mulberry32, randomNormalArray } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { bruteForceMetrics, bruteForceRankings, bruteForceScores, type Matrix } from './brute-force-reference.test-helpers';
import { evaluateRetrieval, metricsFromRankings, retrieveTopK, type EvaluateRetrievalOptions, type RetrievalMetrics } from './index';

const U = 37;
const I = 503;
const D = 8;
const NS = [1, 5, 10, 50, 100];

/** Scores exact in float32 (entries on a 1/16 grid), items 400..449 duplicate items 10..59. */
function model(seed: number) {
  const round = (x: number) => Math.round(x * 16) / 16;
  const users: Matrix = { rows: U, cols: D, data: randomNormalArray(seed, U * D).map(round) };
  const items = randomNormalArray(seed + 1, I * D).map(round);
  for (let i = 400; i < 450; i++) for (let c = 0; c < D; c++) items[i * D + c] = items[(i - 390) * D + c];
  const itemsT: Matrix = { rows: D, cols: I, data: new Float64Array(I * D) };
  for (let i = 0; i < I; i++) for (let c = 0; c < D; c++) itemsT.data[c * I + i] = items[i * D + c];
  return { users, itemsT, scores: bruteForceScores(users, itemsT) };
}

/**
 * Per user 0..14 targets with repeats, a third of them drawn from the user's 20 best items so that
 * hits happen at every cut-off; users 3 and 17 get none (skipped).
 */
function makeTargets(seed: number, scores: Float64Array[], exclude: number[] = []): number[][] {
  const rand = mulberry32(seed);
  const rankings = bruteForceRankings(scores, exclude);
  return rankings.map((ranking, u) => {
    if (u === 3 || u === 17) return [];
    const count = Math.floor(rand() * 15);
    return Array.from({ length: count }, () =>
      rand() < 0.33 ? ranking[Math.floor(rand() * 20)] : 1 + Math.floor(rand() * (I - 1)),
    ).concat(count > 2 ? [ranking[0]] : []);
  });
}

async function evaluate(m: ReturnType<typeof model>, targets: number[][], options: EvaluateRetrievalOptions) {
  const users = tf.tensor2d(Float32Array.from(m.users.data), [U, D]);
  const itemsT = tf.tensor2d(Float32Array.from(m.itemsT.data), [D, I]);
  try {
    return await evaluateRetrieval(users, itemsT, targets, options);
  } finally {
    tf.dispose([users, itemsT]);
  }
}

function expectMetricsClose(got: RetrievalMetrics, expected: ReturnType<typeof bruteForceMetrics>) {
  expect(got.users).toBe(expected.users);
  expect(got.skippedUsers).toBe(expected.skippedUsers);
  for (const key of ['recall', 'hitRate', 'ndcg'] as const) {
    expect(Object.keys(got[key]).map(Number)).toEqual(Object.keys(expected[key]).map(Number));
    for (const n of Object.keys(expected[key]).map(Number)) {
      expect(got[key][n], `${key}@${n}`).toBeCloseTo(expected[key][n], 12);
    }
  }
}

describe('evaluateRetrieval', () => {
  it('equals the float64 brute force (ragged chunks, ties, repeated targets, N above target counts)', async () => {
    const m = model(31);
    const targets = makeTargets(32, m.scores);
    const got = await evaluate(m, targets, { ns: NS, chunkSize: 5 });
    expectMetricsClose(got, bruteForceMetrics(bruteForceRankings(m.scores), targets, NS));
    expect(got.skippedUsers).toBeGreaterThanOrEqual(2); // users 3, 17 and those drawn with 0 targets
    // the data exercises every regime: some misses, some hits, recall grows with N
    expect(got.recall[1]).toBeGreaterThan(0);
    expect(got.recall[100]).toBeLessThan(1);
    expect(got.recall[100]).toBeGreaterThan(got.recall[1]);
  });

  it('equals the brute force with the padding item 0 (and others) excluded', async () => {
    const m = model(33);
    const exclude = [0, 12, 401];
    const targets = makeTargets(34, m.scores, exclude);
    targets[5].push(12); // an excluded target stays in |T| and is never hit
    const got = await evaluate(m, targets, { ns: NS, chunkSize: 8, excludeItems: exclude });
    expectMetricsClose(got, bruteForceMetrics(bruteForceRankings(m.scores, exclude), targets, NS));
  });

  it('maskHistory removes each user own history from the ranking; default keeps it', async () => {
    const m = model(35);
    const rand = mulberry32(36);
    const rankings = bruteForceRankings(m.scores, [0]);
    // histories of 0..30 items, half from the user's top 40 so that masking changes the top N
    const history = rankings.map((ranking) =>
      Array.from({ length: Math.floor(rand() * 31) }, () => (rand() < 0.5 ? ranking[Math.floor(rand() * 40)] : Math.floor(rand() * I))),
    );
    const targets = makeTargets(37, m.scores, [0]);
    const masked = rankings.map((ranking, u) => ranking.filter((item) => !history[u].includes(item)));
    const options = { ns: NS, chunkSize: 6, excludeItems: [0], history };
    const got = await evaluate(m, targets, { ...options, maskHistory: true });
    expectMetricsClose(got, bruteForceMetrics(masked, targets, NS));
    const unmasked = await evaluate(m, targets, options);
    expectMetricsClose(unmasked, bruteForceMetrics(rankings, targets, NS));
    expect(got.recall[10]).not.toBeCloseTo(unmasked.recall[10], 6);
  });

  it('maskHistory with N close to I: users with big histories rank fewer than N items', async () => {
    const m = model(38);
    const history = Array.from({ length: U }, (_, u) => Array.from({ length: u * 3 }, (_, j) => (u * 7 + j * 13) % I));
    const targets = makeTargets(39, m.scores);
    const ns = [10, 490, 503];
    const masked = bruteForceRankings(m.scores).map((ranking, u) => ranking.filter((item) => !history[u].includes(item)));
    const got = await evaluate(m, targets, { ns, chunkSize: 9, history, maskHistory: true });
    expectMetricsClose(got, bruteForceMetrics(masked, targets, ns));
  });

  it('agrees with metricsFromRankings applied to retrieveTopK', async () => {
    const m = model(40);
    const targets = makeTargets(41, m.scores, [0]);
    const users = tf.tensor2d(Float32Array.from(m.users.data), [U, D]);
    const itemsT = tf.tensor2d(Float32Array.from(m.itemsT.data), [D, I]);
    const top = await retrieveTopK(users, itemsT, 100, { chunkSize: 4, excludeItems: [0] });
    const direct = await evaluateRetrieval(users, itemsT, targets, { ns: NS, chunkSize: 11, excludeItems: [0] });
    tf.dispose([users, itemsT]);
    expect(metricsFromRankings(top.indices, 100, targets, NS)).toEqual(direct);
  });

  it('leaks no tensors, with or without masking', async () => {
    const m = model(42);
    const targets = makeTargets(43, m.scores);
    const users = tf.tensor2d(Float32Array.from(m.users.data), [U, D]);
    const itemsT = tf.tensor2d(Float32Array.from(m.itemsT.data), [D, I]);
    await expectNoLeaks(() => evaluateRetrieval(users, itemsT, targets, { ns: NS, chunkSize: 5, excludeItems: [0] }));
    await expectNoLeaks(() =>
      evaluateRetrieval(users, itemsT, targets, { ns: NS, chunkSize: 5, history: targets, maskHistory: true }),
    );
    tf.dispose([users, itemsT]);
  });
});

describe('evaluateRetrieval argument checks', () => {
  const goodTargets = [[1], [2, 0]];
  async function rejects(targets: unknown, options: unknown, message: string, users = tf.tensor2d([[1, 0], [0, 1]])) {
    const itemsT = tf.tensor2d([[1, 2, 3], [3, 2, 1]]);
    let error: unknown;
    const leaked = await leakedTensors(async () => {
      error = await evaluateRetrieval(users, itemsT, targets as number[][], options as EvaluateRetrievalOptions).catch((e: unknown) => e);
    });
    tf.dispose([users, itemsT]);
    expect(leaked).toBe(0);
    expect(String(error)).toContain(`evaluateRetrieval: ${message}`);
  }

  it('rejects missing options', () => rejects(goodTargets, undefined, "argument 'options' must be an object { ns, ... }, got undefined"));
  it('rejects empty ns', () => rejects(goodTargets, { ns: [] }, "argument 'ns' must be a non-empty array of integer cut-offs N, got []"));
  it('rejects ns that is not an array', () => rejects(goodTargets, { ns: 5 }, "argument 'ns' must be a non-empty array of integer cut-offs N, got 5"));
  it('rejects a fractional N', () => rejects(goodTargets, { ns: [1, 2.5] }, "argument 'ns[1]' must be an integer in [1, 3] (I), got 2.5"));
  it('rejects N = 0', () => rejects(goodTargets, { ns: [0] }, "argument 'ns[0]' must be an integer in [1, 3] (I), got 0"));
  it('rejects N > I', () => rejects(goodTargets, { ns: [4] }, "argument 'ns[0]' must be an integer in [1, 3] (I), got 4"));
  it('rejects N > I - excluded', () =>
    rejects(goodTargets, { ns: [3], excludeItems: [0] }, "argument 'ns[0]' must be an integer in [1, 2] (I - |excludeItems|), got 3"));
  it('rejects targets with fewer lists than users', () =>
    rejects([[1]], { ns: [1] }, "argument 'targets' must be an array of 2 id lists (one per user), got \"an array of length 1\""));
  it('rejects a target id >= I', () => rejects([[1], [3]], { ns: [1] }, "argument 'targets[1][0]' must be an integer item id in [0, 3), got 3"));
  it('rejects a negative target id', () => rejects([[-1], [2]], { ns: [1] }, "argument 'targets[0][0]' must be an integer item id in [0, 3), got -1"));
  it('rejects a fractional target id', () => rejects([[1.5], [2]], { ns: [1] }, "argument 'targets[0][0]' must be an integer item id in [0, 3), got 1.5"));
  it('rejects maskHistory without history', () =>
    rejects(goodTargets, { ns: [1], maskHistory: true }, "argument 'history' must be per-user history lists when maskHistory is true, got undefined"));
  it('rejects a non-boolean maskHistory', () => rejects(goodTargets, { ns: [1], maskHistory: 1 }, "argument 'maskHistory' must be a boolean, got 1"));
  it('rejects history of the wrong length', () =>
    rejects(goodTargets, { ns: [1], history: [[1]] }, "argument 'history' must be an array of 2 id lists (one per user), got \"an array of length 1\""));
  it('rejects a history id out of range', () =>
    rejects(goodTargets, { ns: [1], history: [[1], [7]] }, "argument 'history[1][0]' must be an integer item id in [0, 3), got 7"));
  it('rejects when no user has a target', () =>
    rejects([[], []], { ns: [1] }, "argument 'targets' must be at least one non-empty target list, got \"2 users, none with a target\""));
  it('rejects a d mismatch', () =>
    rejects(goodTargets, { ns: [1] }, "argument 'itemMatrixT' must be shape [d, I] with d = 3", tf.tensor2d([[1, 0, 0], [0, 1, 0]])));
});
