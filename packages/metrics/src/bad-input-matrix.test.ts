/**
 * Bad-input matrix of @croloss/metrics: every public function against every applicable category.
 * ✓ = tested here, ✓(top) = retrieve-top-k.test.ts, ✓(eval) = evaluate-retrieval.test.ts, ✓(rm) = ranking-metrics.test.ts,
 * n.a. = the category does not apply. Every rejection of the tensor functions is checked for leaked tensors.
 *
 * | function               | wrong rank        | mismatched shapes        | NaN / Inf values             | bad numbers (k, N, chunk, ids) | empty batch (U = 0)        | d = 0 / empty lists    | int / float dtype          |
 * |------------------------|-------------------|--------------------------|------------------------------|--------------------------------|----------------------------|------------------------|----------------------------|
 * | retrieveTopK           | ✓(top)            | ✓(top) d                 | ✓(top) NaN users, Inf items; ✓ NaN items | ✓(top) k, chunkSize; ✓ k NaN, chunk NaN | ✓ empty result | ✓ all ties, index order | ✓(top) int32 users; ✓ int32 items |
 * | evaluateRetrieval      | ✓                 | ✓(eval) d, targets length | ✓ NaN users, -Inf items     | ✓(eval) ns; ✓ ns NaN, chunk NaN, excludeItems NaN | ✓ throws (no user with a target) | n.a. | ✓ int32 throws |
 * | metricsFromRankings    | ✓ nested indices  | ✓(rm) length             | ✓ NaN index, NaN k, NaN N    | ✓(rm)                          | ✓ throws (no user)         | ✓ all targets empty    | ✓ typed arrays = arrays    |
 * | metricsForFixedRanking | ✓ nested ranking  | n.a.                     | ✓(rm) NaN target; ✓ NaN id   | ✓(rm)                          | ✓ throws (no user)         | ✓ empty ranking throws | ✓ typed arrays = arrays    |
 * | DEFAULT_CHUNK_SIZE     | n.a. (a constant)                                                                                                                                                          |
 * | argumentError          | n.a. (the shared builder, tested in @croloss/internal)                                                                                                                      |
 *
 * NaN and infinite vectors are rejected (the metrics read their results back anyway, so one reduction and a
 * one-value read-back cost nothing extra); a score that overflows float32 is rejected too (retrieve-top-k.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { leakedTensors } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { evaluateRetrieval, metricsForFixedRanking, metricsFromRankings, retrieveTopK } from './index';

/** Runs `make`, asserting it rejects with every fragment and leaves no tensor behind. */
async function rejects(make: () => Promise<unknown> | unknown, ...fragments: string[]): Promise<void> {
  let error: unknown = '(did not throw)';
  const leaked = await leakedTensors(async () => {
    try {
      await make();
    } catch (e) {
      error = e;
    }
  });
  for (const fragment of fragments) expect(String(error)).toContain(fragment);
  expect(leaked).toBe(0);
}

describe('metrics: bad-input matrix', () => {
  // every tensor the calls take is made here, outside the counted regions
  const users = tf.tensor2d([[1, 0], [0, 1]]);
  const itemsT = tf.tensor2d([[1, 2, 3], [3, 2, 1]]);
  const intItemsT = tf.tensor2d([[1, 2, 3], [3, 2, 1]], undefined, 'int32');
  const intUsers = tf.tensor2d([[1, 0], [0, 1]], undefined, 'int32');
  const nanItemsT = tf.tensor2d([[1, NaN, 3], [3, 2, 1]]);
  const minusInfItemsT = tf.tensor2d([[1, -Infinity, 3], [3, 2, 1]]);
  const nanUsers = tf.tensor2d([[1, 0], [NaN, 1]]);
  const rank1 = tf.tensor1d([1, 0]);
  const noUsers = tf.zeros([0, 2]);
  const noDimUsers = tf.zeros([2, 0]);
  const noDimItemsT = tf.zeros([0, 4]);

  it('retrieveTopK: NaN in the item matrix, NaN k, NaN chunkSize and an int32 item matrix are rejected, leaking nothing', async () => {
    await rejects(() => retrieveTopK(users as tf.Tensor2D, nanItemsT as tf.Tensor2D, 1), "retrieveTopK: argument 'itemMatrixT' must be a tensor of finite values, got \"a tensor with NaN or Infinity\"");
    await rejects(() => retrieveTopK(users as tf.Tensor2D, itemsT as tf.Tensor2D, NaN), "retrieveTopK: argument 'k' must be an integer in [1, 3] (I), got NaN");
    await rejects(() => retrieveTopK(users as tf.Tensor2D, itemsT as tf.Tensor2D, 1, { chunkSize: NaN }), "retrieveTopK: argument 'chunkSize' must be an integer >= 1, got NaN");
    await rejects(() => retrieveTopK(users as tf.Tensor2D, intItemsT as tf.Tensor2D, 1), "retrieveTopK: argument 'itemMatrixT' must be a float32 tensor [d, I] (items transposed), got \"dtype int32\"");
    await rejects(() => retrieveTopK(users as tf.Tensor2D, itemsT as tf.Tensor2D, 1, { excludeItems: [NaN] }), "retrieveTopK: argument 'excludeItems[0]' must be an integer item id in [0, 3), got NaN");
  });

  it('retrieveTopK: an empty batch of users (U = 0) gives empty lists', async () => {
    let result: Awaited<ReturnType<typeof retrieveTopK>> | undefined;
    expect(await leakedTensors(async () => { result = await retrieveTopK(noUsers as tf.Tensor2D, itemsT as tf.Tensor2D, 2); })).toBe(0);
    expect(result!.indices.length).toBe(0);
    expect(result!.scores.length).toBe(0);
  });

  it('retrieveTopK: d = 0 scores every item 0, so the lists are the lowest indices (ties by index)', async () => {
    let result: Awaited<ReturnType<typeof retrieveTopK>> | undefined;
    expect(await leakedTensors(async () => { result = await retrieveTopK(noDimUsers as tf.Tensor2D, noDimItemsT as tf.Tensor2D, 2, { excludeItems: [0] }); })).toBe(0);
    expect(Array.from(result!.indices)).toEqual([1, 2, 1, 2]);
    expect(Array.from(result!.scores)).toEqual([0, 0, 0, 0]);
  });

  it('evaluateRetrieval: wrong rank, int32, NaN or -Infinity vectors, NaN N, NaN chunkSize, NaN excluded id', async () => {
    const targets = [[1], [2]];
    await rejects(() => evaluateRetrieval(rank1 as never, itemsT as tf.Tensor2D, targets, { ns: [1] }), "evaluateRetrieval: argument 'userVectors' must be a tf.Tensor2D [U, d], got \"a tensor of shape [2]\"");
    await rejects(() => evaluateRetrieval(intUsers as tf.Tensor2D, itemsT as tf.Tensor2D, targets, { ns: [1] }), "evaluateRetrieval: argument 'userVectors' must be a float32 tensor [U, d], got \"dtype int32\"");
    await rejects(() => evaluateRetrieval(nanUsers as tf.Tensor2D, itemsT as tf.Tensor2D, targets, { ns: [1] }), "evaluateRetrieval: argument 'userVectors' must be a tensor of finite values, got \"a tensor with NaN or Infinity\"");
    await rejects(() => evaluateRetrieval(users as tf.Tensor2D, minusInfItemsT as tf.Tensor2D, targets, { ns: [1] }), "evaluateRetrieval: argument 'itemMatrixT' must be a tensor of finite values");
    await rejects(() => evaluateRetrieval(users as tf.Tensor2D, itemsT as tf.Tensor2D, targets, { ns: [NaN] }), "evaluateRetrieval: argument 'ns[0]' must be an integer in [1, 3] (I), got NaN");
    await rejects(() => evaluateRetrieval(users as tf.Tensor2D, itemsT as tf.Tensor2D, targets, { ns: [1], chunkSize: NaN }), "evaluateRetrieval: argument 'chunkSize' must be an integer >= 1, got NaN");
    await rejects(() => evaluateRetrieval(users as tf.Tensor2D, itemsT as tf.Tensor2D, [[NaN], [2]], { ns: [1] }), "evaluateRetrieval: argument 'targets[0][0]' must be an integer item id in [0, 3), got NaN");
  });

  it('evaluateRetrieval: an empty batch of users (U = 0) throws: there is no user to average over', async () => {
    await rejects(() => evaluateRetrieval(noUsers as tf.Tensor2D, itemsT as tf.Tensor2D, [], { ns: [1] }),
      "evaluateRetrieval: argument 'targets' must be at least one non-empty target list, got \"0 users, none with a target\"");
  });

  it('metricsFromRankings: nested indices, NaN index, NaN k, NaN N, no users, no targets at all', () => {
    expect(() => metricsFromRankings([[1, 2]] as never, 2, [[1]], [1])).toThrow("metricsFromRankings: argument 'indices' must be length targets.length * k = 2, got \"length 1\"");
    expect(() => metricsFromRankings([[1], [2]] as never, 2, [[1]], [1])).toThrow("metricsFromRankings: argument 'indices[0]' must be an integer item id (negative = empty slot), got [1]");
    expect(() => metricsFromRankings([1, NaN], 2, [[1]], [1])).toThrow("metricsFromRankings: argument 'indices[1]' must be an integer item id (negative = empty slot), got NaN");
    expect(() => metricsFromRankings([1, 2], NaN, [[1]], [1])).toThrow("metricsFromRankings: argument 'k' must be an integer >= 1, got NaN");
    expect(() => metricsFromRankings([1, 2], 2, [[1]], [NaN])).toThrow("metricsFromRankings: argument 'ns[0]' must be an integer in [1, 2] (the ranking length k), got NaN");
    expect(() => metricsFromRankings([], 2, [], [1])).toThrow("metricsFromRankings: argument 'targets' must be at least one non-empty target list, got \"0 users, none with a target\"");
    expect(() => metricsFromRankings([1, 2, 3, 4], 2, [[], []], [1])).toThrow("metricsFromRankings: argument 'targets' must be at least one non-empty target list, got \"2 users, none with a target\"");
  });

  it('metricsFromRankings: Int32Array / Float64Array indices and typed target lists give the same metrics as arrays', () => {
    const expected = metricsFromRankings([5, 2, 9, 1, 7, 3], 3, [[2], [4, 3]], [1, 3]);
    expect(metricsFromRankings(Int32Array.from([5, 2, 9, 1, 7, 3]), 3, [Int32Array.from([2]), Float64Array.from([4, 3])], [1, 3])).toEqual(expected);
    expect(metricsFromRankings(Float64Array.from([5, 2, 9, 1, 7, 3]), 3, [[2], [4, 3]], [3, 1])).toEqual(expected);
    expect(expected.recall[3]).toBeCloseTo(0.75, 12);
  });

  it('metricsForFixedRanking: nested ranking, NaN id, empty ranking, no users; typed arrays = arrays', () => {
    expect(() => metricsForFixedRanking([[1]] as never, [[1]], [1])).toThrow("metricsForFixedRanking: argument 'ranking[0]' must be a non-negative integer item id, got [1]");
    expect(() => metricsForFixedRanking([1, NaN], [[1]], [1])).toThrow("metricsForFixedRanking: argument 'ranking[1]' must be a non-negative integer item id, got NaN");
    expect(() => metricsForFixedRanking([], [[1]], [1])).toThrow("metricsForFixedRanking: argument 'ranking' must be a non-empty array of item ids, got []");
    expect(() => metricsForFixedRanking([1, 2], [], [1])).toThrow("metricsForFixedRanking: argument 'targets' must be at least one non-empty target list, got \"0 users, none with a target\"");
    const expected = metricsForFixedRanking([7, 3, 1, 4], [[3], [4, 9], []], [2, 4]);
    expect(metricsForFixedRanking(Int32Array.from([7, 3, 1, 4]), [Int32Array.from([3]), Float32Array.from([4, 9]), []], [4, 2])).toEqual(expected);
    expect([expected.users, expected.skippedUsers, expected.recall[2]]).toEqual([2, 1, 0.5]);
  });

  it('the shared inputs are still alive', () => {
    for (const t of [users, itemsT, intItemsT, intUsers, nanItemsT, minusInfItemsT, nanUsers, rank1, noUsers, noDimUsers, noDimItemsT]) expect(t.isDisposed).toBe(false);
  });
});
