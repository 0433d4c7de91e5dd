/** Tests: retrieveTopK does not depend on how the backend breaks ties. */
import * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '@croloss/testing';
import { describe, expect, it } from 'vitest';
import { bruteForceRankings, bruteForceScores } from './brute-force-reference.test-helpers';
import { retrieveTopK } from './index';

interface CpuLikeBackend {
  data: { get(id: object): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: string, values: Float32Array | Int32Array): tf.TensorInfo;
}

/**
 * A TopK kernel as an unhelpful backend could implement it: the right values, but ties broken towards
 * the HIGHER index and the k slots returned in rotated (unsorted) order.
 */
function adversarialTopK(args: { inputs: { x: tf.TensorInfo }; backend: CpuLikeBackend; attrs: { k: number } }) {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const { k } = attrs;
  const values = backend.data.get(x.dataId).values;
  const width = x.shape[x.shape.length - 1];
  const rows = values.length / width;
  const outValues = new Float32Array(rows * k);
  const outIndices = new Int32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const row = values.subarray(r * width, (r + 1) * width);
    const order = Array.from({ length: width }, (_, i) => i).sort((a, b) => (row[b] - row[a]) || b - a);
    for (let j = 0; j < k; j++) {
      const item = order[(j + 3) % k];
      outValues[r * k + j] = row[item];
      outIndices[r * k + j] = item;
    }
  }
  const shape = [...x.shape.slice(0, -1), k];
  return [backend.makeTensorInfo(shape, 'float32', outValues), backend.makeTensorInfo(shape, 'int32', outIndices)];
}

describe('retrieveTopK does not depend on how the backend breaks ties', () => {
  it('a TopK kernel preferring higher indices, unsorted, still yields (score desc, index asc)', async (ctx) => {
    if (tf.getBackend() !== 'cpu') return ctx.skip();
    const original = tf.getKernel('TopK', 'cpu');
    if (!original) throw new Error('cpu TopK kernel missing');
    const [numUsers, numItems, dim, k] = [23, 311, 4, 20];
    const rand = mulberry32(77);
    const int = () => Math.floor(rand() * 5) - 2;
    const users = Float64Array.from({ length: numUsers * dim }, int);
    const itemsT = Float64Array.from({ length: dim * numItems }, int);
    const scores = bruteForceScores({ rows: numUsers, cols: dim, data: users }, { rows: dim, cols: numItems, data: itemsT });
    const expected = bruteForceRankings(scores, [0]).map((r) => r.slice(0, k));

    const u = tf.tensor2d(Float32Array.from(users), [numUsers, dim]);
    const v = tf.tensor2d(Float32Array.from(itemsT), [dim, numItems]);
    tf.unregisterKernel('TopK', 'cpu');
    tf.registerKernel({ kernelName: 'TopK', backendName: 'cpu', kernelFunc: adversarialTopK as unknown as tf.KernelFunc });
    try {
      // sanity: the adversarial kernel really disagrees with the deterministic order
      const raw = tf.topk(tf.tensor2d([[1, 1, 1, 0]]), 2);
      expect(Array.from(raw.indices.dataSync())).not.toEqual([0, 1]);
      tf.dispose([raw.values, raw.indices]);

      const got = await retrieveTopK(u, v, k, { chunkSize: 4, excludeItems: [0] });
      for (let user = 0; user < numUsers; user++) {
        expect(Array.from(got.indices.subarray(user * k, (user + 1) * k)), `user ${user}`).toEqual(expected[user]);
      }
    } finally {
      tf.unregisterKernel('TopK', 'cpu');
      tf.registerKernel(original);
      tf.dispose([u, v]);
    }
  });
});
