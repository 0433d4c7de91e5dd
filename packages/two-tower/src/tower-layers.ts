// Two tfjs-layers layers of the paper's towers: a mean over the non-padding history positions, and row L2 normalisation.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * mean over the positions with id != 0: inputs [embedded [B, L, d], ids [B, L]] -> [B, d] (rows of only padding give 0).
 * Serialized as `croloss>MaskedMeanPool` (see {@link registerTowerLayers}).
 *
 * @example
 * ```ts
 * const pooled = new MaskedMeanPool({}).apply([embedding.apply(ids), ids]); // [B, d]
 * ```
 */
export class MaskedMeanPool extends tfl.layers.Layer {
  static className = 'MaskedMeanPool';

  override computeOutputShape(inputShape: Array<number | null> | Array<Array<number | null>>): Array<number | null> {
    const [embedded] = inputShape as Array<Array<number | null>>;
    return [embedded[0], embedded[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [embedded, ids] = inputs as tf.Tensor[];
      const present = tf.expandDims(tf.cast(tf.notEqual(ids, 0), 'float32'), 2); // [B, L, 1]
      return tf.div(tf.sum(tf.mul(embedded, present), 1), tf.maximum(tf.sum(present, 1), 1));
    });
  }
}

/**
 * x / sqrt(sum x^2 + 1e-12) per row of [B, d]: the unit vectors of a cosine-similarity tower (the epsilon keeps all-zero
 * rows finite). Serialized as `croloss>L2Normalize`.
 *
 * @example
 * ```ts
 * const unit = new L2Normalize({}).apply(dense.apply(x)); // rows of norm 1
 * ```
 */
export class L2Normalize extends tfl.layers.Layer {
  static className = 'L2Normalize';

  override computeOutputShape(inputShape: Array<number | null> | Array<Array<number | null>>): Array<number | null> {
    return inputShape as Array<number | null>;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), -1, true), 1e-12)));
    });
  }
}

let registered = false;

/**
 * Registers {@link MaskedMeanPool} and {@link L2Normalize} with tfjs's serialization (as `croloss>MaskedMeanPool`,
 * `croloss>L2Normalize`), so `tf.loadLayersModel` can rebuild towers that use them; {@link twoTowerTowers} calls it.
 * Call it before loading such a model in a fresh process (or page). Idempotent.
 *
 * @example
 * ```ts
 * registerTowerLayers();
 * const queryModel = await tf.loadLayersModel(fileIO('out/query'));
 * ```
 */
export function registerTowerLayers(): void {
  if (registered) return;
  tf.serialization.registerClass(MaskedMeanPool, 'croloss');
  tf.serialization.registerClass(L2Normalize, 'croloss');
  registered = true;
}
