import * as tf from '@tensorflow/tfjs-core';

/**
 * Rows of an embedding table: table [N, d] gathered at ids (any shape S, int32) -> [...S, d].
 * Same values as tf.gather(table, ids), but its gradient with respect to the table is a ScatterNd of the
 * upstream gradients (duplicates summed) instead of tfjs's UnsortedSegmentSum, which the wasm backend lacks.
 * The ids get no gradient.
 *
 * @example
 * ```ts
 * embeddingLookup(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor1d([1, 1, 0], 'int32')); // [[3, 4], [3, 4], [1, 2]]
 * ```
 */
export function embeddingLookup(table: tf.Tensor2D, ids: tf.Tensor): tf.Tensor {
  const lookup = tf.customGrad(((t: tf.Tensor, i: tf.Tensor, save: tf.GradSaveFunc) => {
    save([i]);
    return {
      value: tf.gather(t, i),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [idx] = saved;
        const shape = t.shape as [number, number];
        const tableGrad = tf.tidy(() => tf.scatterND(tf.reshape(idx, [idx.size, 1]), tf.reshape(dy, [idx.size, shape[1]]), shape));
        return [tableGrad, tf.zerosLike(idx)];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return lookup(table, ids.dtype === 'int32' ? ids : tf.cast(ids, 'int32'));
}
