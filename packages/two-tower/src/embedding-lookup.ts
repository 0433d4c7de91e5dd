/** Rows of an embedding table with a ScatterNd gradient (tfjs's UnsortedSegmentSum is missing on wasm). */
import * as tf from '@tensorflow/tfjs-core';
import { argumentError, customOp } from '@croloss/internal';

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
  if (!(table instanceof tf.Tensor) || table.rank !== 2) {
    throw argumentError('embeddingLookup', 'table', 'a tf.Tensor2D [N, d]', table instanceof tf.Tensor ? `shape [${table.shape}]` : table);
  }
  if (!(ids instanceof tf.Tensor) || (ids.dtype !== 'int32' && ids.dtype !== 'float32')) {
    throw argumentError('embeddingLookup', 'ids', 'a tf.Tensor of int32 (or integer-valued float32) ids', ids instanceof tf.Tensor ? `dtype ${ids.dtype}` : ids);
  }
  const lookup = customOp((t: tf.Tensor, i: tf.Tensor, save: tf.GradSaveFunc) => {
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
  });
  if (ids.dtype === 'int32') return lookup(table, ids);
  return tf.tidy(() => lookup(table, tf.cast(ids, 'int32'))); // the cast is freed
}
