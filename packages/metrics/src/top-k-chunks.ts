/** Internal engine of retrieveTopK / evaluateRetrieval. */
import * as tf from '@tensorflow/tfjs-core';
import { fusedChunkTopK, fusedItemChunk, fusedTopKAvailable, splitItems } from './fused-top-k';

/** One chunk of users with their exact top-k lists, read back to the CPU. */
export interface TopKChunk {
  /** Row of the first user of the chunk in the full user matrix. */
  firstUser: number;
  /** Users in this chunk. */
  users: number;
  /** users*k item columns, row-major, ordered by (score desc, index asc). */
  indices: Int32Array;
  /** users*k scores matching `indices`. */
  scores: Float32Array;
}

/**
 * Internal engine of retrieveTopK / evaluateRetrieval. For each chunk of `chunkSize` users:
 * scores = users[chunk] x itemMatrixT (+ -Infinity on excluded columns), tf.topk of k + 1 columns,
 * read back, then made exact and deterministic on the CPU:
 *
 * - every row is re-sorted by (score desc, index asc), so ties inside the top k never depend on the backend;
 * - a tie across the top-k boundary (the (k+1)-th probed score equals the k-th) means the backend chose
 *   which of the tied items to keep. For those rows only, the full score row is gathered from the same
 *   score tensor and read back, and the row is rebuilt as: all items scoring above the k-th score
 *   (sorted), then the tied items in ascending index order. The result is the first k items of the
 *   total order (score desc, index asc) of the backend's float32 scores, on every backend.
 *
 * Device memory stays O(chunkSize x numItems); every tensor is disposed before the next chunk.
 *
 * On the `webgpu` backend with the fused row top-k kernel of @croloss/webgpu-kernels registered (`CrolossRowTopK`,
 * found by name: this package does not import it) and k <= 1024, each chunk instead scores the items in blocks of
 * 65,536 and selects on the GPU with the kernel, whose order already is (score desc, index asc): per block top-k,
 * then one merge of the blocks' candidates (see fusedChunkTopK). Same results; device memory O(chunkSize x 65,536).
 * On `wasm` with @croloss/wasm-kernels' kernel of the same name and at least 65,536 items, one block of all items
 * (memory as tf.topk's path).
 */
export async function forEachTopKChunk(
  fn: string,
  userVectors: tf.Tensor2D,
  itemMatrixT: tf.Tensor2D,
  k: number,
  chunkSize: number,
  excluded: readonly number[],
  visit: (chunk: TopKChunk) => void,
): Promise<void> {
  const [numUsers, dim] = userVectors.shape;
  const numItems = itemMatrixT.shape[1];
  const probe = Math.min(k + 1, numItems);
  const exclusionRow = excluded.length > 0 ? makeExclusionRow(numItems, excluded) : null;
  const fused = fusedTopKAvailable(k, numItems) ? splitItems(itemMatrixT, exclusionRow, fusedItemChunk()) : null;
  try {
    for (let firstUser = 0; firstUser < numUsers; firstUser += chunkSize) {
      const users = Math.min(chunkSize, numUsers - firstUser);
      if (fused) {
        const top = tf.tidy(() => fusedChunkTopK(tf.slice(userVectors, [firstUser, 0], [users, dim]), fused, k));
        let chunk: TopKChunk;
        try {
          const [values, columns] = await Promise.all([top.values.data(), top.indices.data()]);
          chunk = { firstUser, users, indices: Int32Array.from(columns), scores: Float32Array.from(values) };
        } finally {
          tf.dispose([top.values, top.indices]);
        }
        checkFiniteScores(fn, chunk, k);
        visit(chunk);
        continue;
      }
      const scores = tf.tidy(() => {
        const raw = tf.matMul(tf.slice(userVectors, [firstUser, 0], [users, dim]), itemMatrixT);
        return exclusionRow ? tf.add<tf.Tensor2D>(raw, exclusionRow) : raw;
      });
      try {
        const top = tf.topk(scores, probe, true);
        let values: Float32Array;
        let columns: Int32Array;
        try {
          const read = await Promise.all([top.values.data(), top.indices.data()]);
          values = read[0] as Float32Array;
          columns = read[1] as Int32Array;
        } finally {
          top.values.dispose();
          top.indices.dispose();
        }
        const chunk: TopKChunk = { firstUser, users, indices: new Int32Array(users * k), scores: new Float32Array(users * k) };
        const boundaryTies: number[] = [];
        for (let row = 0; row < users; row++) {
          const order = sortedSlots(values, columns, row * probe, probe);
          if (probe > k && values[order[k]] === values[order[k - 1]]) {
            boundaryTies.push(row);
            continue;
          }
          for (let j = 0; j < k; j++) {
            chunk.indices[row * k + j] = columns[order[j]];
            chunk.scores[row * k + j] = values[order[j]];
          }
        }
        if (boundaryTies.length > 0) await resolveBoundaryTies(scores, boundaryTies, values, columns, probe, k, chunk);
        checkFiniteScores(fn, chunk, k);
        visit(chunk);
      } finally {
        scores.dispose();
      }
    }
  } finally {
    fused?.dispose();
    exclusionRow?.dispose();
  }
}

/** Throws when a retrieved score is not finite (the inner products overflowed float32). */
function checkFiniteScores(fn: string, chunk: TopKChunk, k: number): void {
  for (let i = 0; i < chunk.scores.length; i++) {
    if (!Number.isFinite(chunk.scores[i])) {
      throw new Error(
        `${fn}: the score of user ${chunk.firstUser + Math.floor(i / k)} and item ${chunk.indices[i]} is ${chunk.scores[i]} ` +
          '(userVectors x itemMatrixT overflowed float32); rescale the vectors',
      );
    }
  }
}

/** [1, numItems] row: 0 for kept columns, -Infinity for excluded ones (added to every score row). */
function makeExclusionRow(numItems: number, excluded: readonly number[]): tf.Tensor2D {
  const row = new Float32Array(numItems);
  for (const item of excluded) row[item] = -Infinity;
  return tf.tensor2d(row, [1, numItems]);
}

/** Slot positions start..start+length-1 sorted by (value desc, column asc). */
function sortedSlots(values: Float32Array, columns: Int32Array, start: number, length: number): number[] {
  const order = new Array<number>(length);
  for (let j = 0; j < length; j++) order[j] = start + j;
  return order.sort((a, b) => compareScored(values[a], columns[a], values[b], columns[b]));
}

/** Total order (score desc, index asc); -Infinity compares like any other value. */
function compareScored(scoreA: number, indexA: number, scoreB: number, indexB: number): number {
  if (scoreA !== scoreB) return scoreA > scoreB ? -1 : 1;
  return indexA - indexB;
}

/**
 * Rebuilds the rows whose k-th and (k+1)-th probed scores tie from their full score rows: items scoring
 * strictly above the k-th score (fewer than k of them), sorted, then the tied items by ascending index.
 */
async function resolveBoundaryTies(
  scores: tf.Tensor,
  rows: number[],
  values: Float32Array,
  columns: Int32Array,
  probe: number,
  k: number,
  chunk: TopKChunk,
): Promise<void> {
  const numItems = scores.shape[1] as number;
  const gathered = tf.tidy(() => tf.gather(scores, tf.tensor1d(rows, 'int32')));
  let full: Float32Array;
  try {
    full = (await gathered.data()) as Float32Array;
  } finally {
    gathered.dispose();
  }
  rows.forEach((row, g) => {
    const order = sortedSlots(values, columns, row * probe, probe);
    const threshold = values[order[k - 1]];
    const rowScores = full.subarray(g * numItems, (g + 1) * numItems);
    const above: number[] = [];
    for (let item = 0; item < numItems; item++) if (rowScores[item] > threshold) above.push(item);
    above.sort((a, b) => compareScored(rowScores[a], a, rowScores[b], b));
    let j = 0;
    for (; j < Math.min(above.length, k); j++) {
      chunk.indices[row * k + j] = above[j];
      chunk.scores[row * k + j] = rowScores[above[j]];
    }
    for (let item = 0; item < numItems && j < k; item++) {
      if (rowScores[item] === threshold) {
        chunk.indices[row * k + j] = item;
        chunk.scores[row * k + j] = threshold;
        j++;
      }
    }
  });
}
