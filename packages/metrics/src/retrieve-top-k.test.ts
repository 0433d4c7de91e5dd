/** Tests of retrieveTopK. */
import * as tf from '@tensorflow/tfjs-core';
import { expectNoLeaks, leakedTensors, mulberry32, randomNormalArray } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { bruteForceRankings, bruteForceScores, type Matrix } from './brute-force-reference.test-helpers';
import { retrieveTopK } from './index';

const U = 37;
const I = 503;
const D = 8;

/**
 * Gaussian entries rounded to multiples of 1/16: every product is a multiple of 1/256 below 16 in
 * magnitude and every score a sum of 8 of them, so float32 scores are exact and equal the float64
 * reference bit for bit (natural ties included). Items 400..449 copy items 10..59, so each of those
 * pairs ties for every user.
 */
function gridData(seed: number): { users: Matrix; itemsT: Matrix } {
  const round = (x: number) => Math.round(x * 16) / 16;
  const users = { rows: U, cols: D, data: randomNormalArray(seed, U * D).map(round) };
  const items = randomNormalArray(seed + 1, I * D).map(round); // [I, D]
  for (let i = 400; i < 450; i++) for (let c = 0; c < D; c++) items[i * D + c] = items[(i - 390) * D + c];
  return { users, itemsT: transpose(items, I, D) };
}

/** Small integers in [-2, 2]: scores collide all the time, so ties straddle the top-k boundary. */
function tieHeavyData(seed: number): { users: Matrix; itemsT: Matrix } {
  const rand = mulberry32(seed);
  const int = () => Math.floor(rand() * 5) - 2;
  const users = { rows: U, cols: D, data: Float64Array.from({ length: U * D }, int) };
  const items = Float64Array.from({ length: I * D }, int);
  return { users, itemsT: transpose(items, I, D) };
}

function transpose(data: Float64Array, rows: number, cols: number): Matrix {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return { rows: cols, cols: rows, data: out };
}

const tensor = (m: Matrix) => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);

async function topK(m: { users: Matrix; itemsT: Matrix }, k: number, options: Parameters<typeof retrieveTopK>[3] = {}) {
  const users = tensor(m.users);
  const itemsT = tensor(m.itemsT);
  try {
    return await retrieveTopK(users as tf.Tensor2D, itemsT as tf.Tensor2D, k, options);
  } finally {
    users.dispose();
    itemsT.dispose();
  }
}

function expectEqualsReference(
  got: { indices: Int32Array; scores: Float32Array },
  m: { users: Matrix; itemsT: Matrix },
  k: number,
  exclude: number[] = [],
) {
  const scores = bruteForceScores(m.users, m.itemsT);
  const rankings = bruteForceRankings(scores, exclude);
  for (let u = 0; u < U; u++) {
    const expected = rankings[u].slice(0, k);
    expect(Array.from(got.indices.subarray(u * k, (u + 1) * k)), `user ${u}`).toEqual(expected);
    expect(Array.from(got.scores.subarray(u * k, (u + 1) * k)), `user ${u}`).toEqual(expected.map((i) => scores[u][i]));
  }
}

describe('retrieveTopK', () => {
  it('equals the float64 brute force on grid data with duplicated items (ragged chunks of 5)', async () => {
    const m = gridData(3);
    const got = await topK(m, 60, { chunkSize: 5 });
    expectEqualsReference(got, m, 60);
    // the duplicates really tie inside the lists: both copies appear, the lower index first
    let adjacentDuplicates = 0;
    for (let p = 0; p + 1 < got.indices.length; p++) {
      if (p % 60 !== 59 && got.indices[p + 1] === got.indices[p] + 390 && got.indices[p] < 60) adjacentDuplicates++;
    }
    expect(adjacentDuplicates).toBeGreaterThan(10);
  });

  it('breaks ties across the top-k boundary by lower index (tie-heavy integer data)', async () => {
    const m = tieHeavyData(5);
    const scores = bruteForceScores(m.users, m.itemsT);
    const rankings = bruteForceRankings(scores);
    const k = 25;
    // the data really has boundary ties: the k-th and (k+1)-th scores are equal for most users
    const boundaryTies = rankings.filter((r, u) => scores[u][r[k - 1]] === scores[u][r[k]]).length;
    expect(boundaryTies).toBeGreaterThan(U / 2);
    expectEqualsReference(await topK(m, k, { chunkSize: 5 }), m, k);
  });

  it('gives the same lists for every chunk size', async () => {
    const m = tieHeavyData(8);
    const one = await topK(m, 40, { chunkSize: 1 });
    const ragged = await topK(m, 40, { chunkSize: 7 });
    const whole = await topK(m, 40);
    expect(Array.from(ragged.indices)).toEqual(Array.from(one.indices));
    expect(Array.from(whole.indices)).toEqual(Array.from(one.indices));
    expect(Array.from(whole.scores)).toEqual(Array.from(one.scores));
  });

  it('never returns excluded items, down to k = I - |excluded|', async () => {
    const m = tieHeavyData(9);
    const exclude = [0, 7, 7, 250, 502];
    const distinct = 4;
    const small = await topK(m, 30, { chunkSize: 5, excludeItems: exclude });
    expectEqualsReference(small, m, 30, exclude);
    const all = await topK(m, I - distinct, { chunkSize: 16, excludeItems: exclude });
    expectEqualsReference(all, m, I - distinct, exclude);
    expect(Array.from(all.indices).some((i) => exclude.includes(i))).toBe(false);
  });

  it('returns every item when k = I', async () => {
    const m = gridData(4);
    expectEqualsReference(await topK(m, I, { chunkSize: 10 }), m, I);
  });

  it('matches the float64 reference within float32 rounding on unrounded Gaussian data', async () => {
    const users = { rows: U, cols: D, data: randomNormalArray(21, U * D) };
    const itemsT = { rows: D, cols: I, data: randomNormalArray(22, D * I) };
    const k = 50;
    const got = await topK({ users, itemsT }, k, { chunkSize: 6 });
    const scores = bruteForceScores(users, itemsT);
    const rankings = bruteForceRankings(scores);
    for (let u = 0; u < U; u++) {
      const row = Array.from(got.indices.subarray(u * k, (u + 1) * k));
      expect(new Set(row).size).toBe(k);
      row.forEach((item, p) => expect(Math.abs(got.scores[u * k + p] - scores[u][item])).toBeLessThan(1e-5));
      // nothing better was missed: the k-th score reaches the true k-th score up to rounding
      expect(got.scores[u * k + k - 1]).toBeGreaterThan(scores[u][rankings[u][k - 1]] - 1e-5);
      // best first
      for (let p = 1; p < k; p++) expect(got.scores[u * k + p]).toBeLessThanOrEqual(got.scores[u * k + p - 1]);
    }
  });

  it('leaves no tensors behind, also on the boundary-tie path', async () => {
    const m = tieHeavyData(5);
    const users = tensor(m.users);
    const itemsT = tensor(m.itemsT);
    await expectNoLeaks(() => retrieveTopK(users as tf.Tensor2D, itemsT as tf.Tensor2D, 25, { chunkSize: 5, excludeItems: [0] }));
    tf.dispose([users, itemsT]);
  });

  it('rejects scores that overflow float32 and leaks nothing while doing so', async () => {
    const users = tf.tensor2d([[1e30, 1e30]]);
    const itemsT = tf.tensor2d([[1e30, 1], [1e30, 1]]);
    let error: unknown;
    const leaked = await leakedTensors(async () => {
      error = await retrieveTopK(users, itemsT, 1).catch((e: unknown) => e);
    });
    expect(leaked).toBe(0);
    expect(String(error)).toContain('retrieveTopK: the score of user 0 and item 0 is Infinity');
    tf.dispose([users, itemsT]);
  });
});

describe('retrieveTopK argument checks', () => {
  const users = () => tf.tensor2d([[1, 0], [0, 1]]);
  const itemsT = () => tf.tensor2d([[1, 2, 3], [3, 2, 1]]);
  async function rejects(make: () => Promise<unknown>, message: string) {
    let error: unknown;
    const leaked = await leakedTensors(async () => {
      error = await make().catch((e: unknown) => e);
    });
    expect(String(error)).toContain(message);
    expect(leaked).toBe(0);
  }
  async function call(u: tf.Tensor, v: tf.Tensor, k: unknown, options?: unknown) {
    try {
      return await retrieveTopK(u as tf.Tensor2D, v as tf.Tensor2D, k as number, options as never);
    } finally {
      tf.dispose([u, v]);
    }
  }

  it('rejects user vectors that are not rank 2', () =>
    rejects(() => call(tf.tensor1d([1, 0]), itemsT(), 1), "retrieveTopK: argument 'userVectors' must be a tf.Tensor2D [U, d], got \"a tensor of shape [2]\""));
  it('rejects an item matrix that is not rank 2', () =>
    rejects(() => call(users(), tf.tensor3d([[[1]]]), 1), "argument 'itemMatrixT' must be a tf.Tensor2D [d, I] (items transposed), got \"a tensor of shape [1, 1, 1]\""));
  it('rejects a plain array as user vectors', () =>
    rejects(() => call([[1, 0]] as unknown as tf.Tensor, itemsT(), 1), "argument 'userVectors' must be a tf.Tensor2D [U, d], got [1,0]"));
  it('rejects a d mismatch between users and items', () =>
    rejects(() => call(users(), tf.tensor2d([[1, 2, 3]]), 1), "argument 'itemMatrixT' must be shape [d, I] with d = 2 (the width of userVectors), got \"shape [1, 3]\""));
  it('rejects an int32 user matrix', () =>
    rejects(() => call(tf.tensor2d([[1, 0]], [1, 2], 'int32'), itemsT(), 1), "argument 'userVectors' must be a float32 tensor [U, d], got \"dtype int32\""));
  it('rejects k < 1', () => rejects(() => call(users(), itemsT(), 0), "argument 'k' must be an integer in [1, 3] (I), got 0"));
  it('rejects a fractional k', () => rejects(() => call(users(), itemsT(), 1.5), "argument 'k' must be an integer in [1, 3] (I), got 1.5"));
  it('rejects k > I', () => rejects(() => call(users(), itemsT(), 4), "argument 'k' must be an integer in [1, 3] (I), got 4"));
  it('rejects k > I - excluded', () =>
    rejects(() => call(users(), itemsT(), 3, { excludeItems: [0] }), "argument 'k' must be an integer in [1, 2] (I - |excludeItems|), got 3"));
  it('rejects chunkSize 0', () => rejects(() => call(users(), itemsT(), 1, { chunkSize: 0 }), "argument 'chunkSize' must be an integer >= 1, got 0"));
  it('rejects an excluded id out of range', () =>
    rejects(() => call(users(), itemsT(), 1, { excludeItems: [1, 3] }), "argument 'excludeItems[1]' must be an integer item id in [0, 3), got 3"));
  it('rejects excluding every item', () =>
    rejects(() => call(users(), itemsT(), 1, { excludeItems: [0, 1, 2] }), "argument 'excludeItems' must be fewer than all 3 items"));
  it('rejects NaN in the user vectors', () =>
    rejects(() => call(tf.tensor2d([[NaN, 0]]), itemsT(), 1), "argument 'userVectors' must be a tensor of finite values"));
  it('rejects Infinity in the item matrix', () =>
    rejects(() => call(users(), tf.tensor2d([[1, Infinity, 3], [3, 2, 1]]), 1), "argument 'itemMatrixT' must be a tensor of finite values"));
});
